package io.pxeflow.ctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command takes. Connection precedence: flag, then environment
 * ({@code PXEFLOW_URL}, {@code PXEFLOW_TOKEN}, {@code PXEFLOW_CACERT}), then the all-in-one's files
 * ({@code ./var/api.url}, {@code ./var/admin.token}, {@code ./var/secure/tls/ca.pem}, or the same
 * under {@code $PXEFLOW_HOME}), then the installed package's token, {@code /etc/pxeflow/admin.token},
 * then {@code http://127.0.0.1:8080}.
 */
public final class GlobalOptions {
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final String TOKEN_FILE = "var/admin.token";
    static final String URL_FILE = "var/api.url";
    static final String CA_FILE = "var/secure/tls/ca.pem";
    /** Where the package's install writes the admin token (mode 0640, group pxeflow). */
    static final Path SYSTEM_TOKEN_FILE = Path.of("/etc/pxeflow/admin.token");

    @Option(names = "--url", paramLabel = "URL", description = {"Controller URL.",
        "Default: $PXEFLOW_URL, else ./var/api.url,", "else " + DEFAULT_URL})
    String url;

    @Option(names = "--token-file", paramLabel = "FILE", description = {"File holding an admin or a read-only token.",
        "Default: $PXEFLOW_TOKEN (the token itself),", "else ./var/admin.token,", "else /etc/pxeflow/admin.token"})
    Path tokenFile;

    @Option(names = "--cacert", paramLabel = "PEM", description = {"CA certificate(s) (PEM) for an https URL.",
        "Default: $PXEFLOW_CACERT,", "else ./var/secure/tls/ca.pem"})
    Path cacert;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
        description = "Output: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    OutputFormat output = OutputFormat.table;

    public OutputFormat output() {
        return output;
    }

    public String url(Context ctx) {
        if (url != null) {
            return url;
        }
        String env = ctx.env("PXEFLOW_URL");
        if (env != null) {
            return env;
        }
        // `pxeflow up` writes where its API is (port, http or https) next to its token.
        String local = local(ctx, URL_FILE);
        return local != null ? local : DEFAULT_URL;
    }

    /** The CA file to check an https controller against, or null for the system's. */
    public Path cacert(Context ctx) {
        if (cacert != null) {
            return ctx.workDir().resolve(cacert);
        }
        String env = ctx.env("PXEFLOW_CACERT");
        if (env != null) {
            return ctx.workDir().resolve(env);
        }
        for (Path dir : localDirs(ctx)) {
            if (Files.isReadable(dir.resolve(CA_FILE))) {
                return dir.resolve(CA_FILE);
            }
        }
        return null;
    }

    private static String local(Context ctx, String file) {
        for (Path dir : localDirs(ctx)) {
            String v = read(dir.resolve(file), false);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static java.util.List<Path> localDirs(Context ctx) {
        String home = ctx.env("PXEFLOW_HOME");
        return home == null ? java.util.List.of(ctx.workDir()) : java.util.List.of(ctx.workDir(), Path.of(home));
    }

    /** The token, or null when none is configured (reads still work; mutations will be refused). */
    public String token(Context ctx) {
        if (tokenFile != null) {
            return read(ctx.workDir().resolve(tokenFile), true);
        }
        String env = ctx.env("PXEFLOW_TOKEN");
        if (env != null) {
            return env;
        }
        String local = read(ctx.workDir().resolve(TOKEN_FILE), false);
        if (local != null) {
            return local;
        }
        // bin/ctl exports PXEFLOW_HOME so the repo's token is found from any directory.
        String home = ctx.env("PXEFLOW_HOME");
        String dev = home == null ? null : read(Path.of(home).resolve(TOKEN_FILE), false);
        return dev != null ? dev : read(SYSTEM_TOKEN_FILE, false);
    }

    public ApiClient client(Context ctx) {
        String url = url(ctx);
        return new ApiClient(url, token(ctx), url.startsWith("https:") ? cacert(ctx) : null);
    }

    private static String read(Path file, boolean required) {
        if (!Files.isReadable(file)) {
            if (required) {
                throw CtlException.failure("cannot read the token file " + file);
            }
            return null;
        }
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            return token.isEmpty() ? null : token;
        } catch (IOException e) {
            throw CtlException.failure("cannot read the token file " + file + ": " + e.getMessage());
        }
    }
}
