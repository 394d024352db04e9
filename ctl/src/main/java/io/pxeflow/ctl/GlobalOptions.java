package io.pxeflow.ctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command takes. Connection precedence: flag, then environment
 * ({@code PXEFLOW_URL}, {@code PXEFLOW_TOKEN}), then the all-in-one's defaults
 * ({@code http://127.0.0.1:8080}, {@code ./var/admin.token}, or {@code $PXEFLOW_HOME/var/admin.token}),
 * then the installed package's token, {@code /etc/pxeflow/admin.token}.
 */
public final class GlobalOptions {
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final String TOKEN_FILE = "var/admin.token";
    /** Where the package's install writes the admin token (mode 0640, group pxeflow). */
    static final Path SYSTEM_TOKEN_FILE = Path.of("/etc/pxeflow/admin.token");

    @Option(names = "--url", paramLabel = "URL", description = {"Controller URL.",
        "Default: $PXEFLOW_URL, else " + DEFAULT_URL})
    String url;

    @Option(names = "--token-file", paramLabel = "FILE", description = {"File holding the admin token.",
        "Default: $PXEFLOW_TOKEN (the token itself),", "else ./var/admin.token,", "else /etc/pxeflow/admin.token"})
    Path tokenFile;

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
        return env != null ? env : DEFAULT_URL;
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
        return new ApiClient(url(ctx), token(ctx));
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
