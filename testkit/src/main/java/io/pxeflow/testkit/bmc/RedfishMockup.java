package io.pxeflow.testkit.bmc;

import io.pxeflow.testkit.Binaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Redfish service for tests: DMTF's Redfish Mockup Server serving the published
 * {@code public-rackmount1} mockup (vendored in {@code testkit/redfish-mockup}), over HTTPS with
 * a certificate for 127.0.0.1 signed by a CA made for the test ({@link #caCertificate()}). Its
 * log records each POSTed reset action and PATCHed boot override, which {@link #resets()} and
 * {@link #bootOverrides()} read back.
 */
public final class RedfishMockup implements AutoCloseable {
    public static final String SYSTEM = "/redfish/v1/Systems/437XR1138R2";

    private final Path dir;
    private final int port;
    private final Process process;

    private RedfishMockup(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Skips the calling test unless python3 and openssl are installed (CI has them). */
    public static void assumeInstalled() {
        Binaries.require("python3", "python3");
        Binaries.require("openssl", "openssl");
    }

    /** Starts a mockup server in {@code dir} (created): its own copy of the mockup, a fresh CA and certificate. */
    public static RedfishMockup start(Path dir) throws IOException, InterruptedException {
        return start(dir, "IP:127.0.0.1,DNS:localhost");
    }

    /**
     * The same, its certificate naming only {@code subjectAltNames} (openssl syntax, e.g.
     * {@code DNS:bmc7.example}): a certificate for another host than the one the client dials.
     */
    public static RedfishMockup start(Path dir, String subjectAltNames) throws IOException, InterruptedException {
        Path python = Binaries.require("python3", "python3");
        Files.createDirectories(dir);
        copy(source(), dir.resolve("server"));
        certificates(dir, subjectAltNames);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(python.toString(), "-u", "redfishMockupServer.py", "-D", "public-rackmount1", "-S",
            "-H", "127.0.0.1", "-p", Integer.toString(port), "-s", "--cert", dir.resolve("bmc.pem").toString(),
            "--key", dir.resolve("bmc.key").toString())
            .directory(dir.resolve("server").toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("mockup.log").toFile()).start();
        RedfishMockup m = new RedfishMockup(dir, port, p);
        m.awaitListening(Duration.ofSeconds(20));
        return m;
    }

    /** The vendored server and mockup, found from the module's directory up. */
    private static Path source() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testkit/redfish-mockup");
            if (Files.isRegularFile(candidate.resolve("redfishMockupServer.py"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("testkit/redfish-mockup not found above " + Path.of("").toAbsolutePath());
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A CA, and a certificate for {@code san} that it signed. */
    private static void certificates(Path dir, String san) throws IOException, InterruptedException {
        String openssl = Binaries.require("openssl", "openssl").toString();
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=" + san + "\n");
        run(dir, openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=pxeflow test BMC CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout", "ca.key", "-out", "ca.pem");
        run(dir, openssl, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=pxeflow test BMC", "-keyout", "bmc.key",
            "-out", "bmc.csr");
        run(dir, openssl, "x509", "-req", "-in", "bmc.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-days", "2", "-extfile", "san.ext", "-out", "bmc.pem");
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private void awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Redfish mockup server on port " + port + " did not start: "
                        + log());
                }
                Thread.sleep(100);
            }
        }
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, as a node's {@code bmc=} names it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The PEM certificate of the CA that signed the server's certificate. */
    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    public String log() {
        try {
            return Files.exists(dir.resolve("mockup.log")) ? Files.readString(dir.resolve("mockup.log")) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ResetType of every reset action POSTed so far, in order. */
    public List<String> resets() {
        return matches(Pattern.compile("POST: Data: \\{'ResetType': '([A-Za-z]+)'}"));
    }

    /** The Boot object of every PATCH so far, as the server logged it. */
    public List<String> bootOverrides() {
        return matches(Pattern.compile("PATCH: Data: \\{'Boot': (\\{[^}]*})}"));
    }

    /** Request lines the server logged, e.g. {@code "GET /redfish/v1/Systems HTTP/1.1" 200}. */
    public List<String> requests() {
        return matches(Pattern.compile("\"((?:GET|POST|PATCH) [^\"]+)\" (\\d{3})"), m -> m.group(1) + " " + m.group(2));
    }

    private List<String> matches(Pattern p) {
        return matches(p, m -> m.group(1));
    }

    private List<String> matches(Pattern p, java.util.function.Function<Matcher, String> value) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(log());
        while (m.find()) {
            out.add(value.apply(m));
        }
        return out;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
