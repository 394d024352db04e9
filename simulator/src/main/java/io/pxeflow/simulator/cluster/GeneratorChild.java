package io.pxeflow.simulator.cluster;

import io.pxeflow.generator.worker.GeneratorCommand;
import io.pxeflow.simulator.ControllerChild;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A generator worker ({@code pxeflow generator}) in a child JVM that can be SIGKILLed and started
 * again, writing its own output tree. Its log goes to {@code <name>-N.log}; it is caught up once
 * its {@code /readyz} answers 200 (it replayed the config topic and the broker answers).
 */
final class GeneratorChild implements AutoCloseable {
    private final String name;
    private final String bootstrap;
    private final Path config;
    private final Path outputDir;
    private final Path logDir;
    private final int port = freePort();
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Path log;
    private int starts;

    GeneratorChild(String name, String bootstrap, Map<String, String> settings, Path logDir) throws IOException {
        this.name = name;
        this.bootstrap = bootstrap;
        this.outputDir = Path.of(settings.get("output.dir"));
        this.logDir = Files.createDirectories(logDir);
        this.config = logDir.resolve(name + ".properties");
        Properties p = new Properties();
        p.putAll(settings);
        try (Writer w = Files.newBufferedWriter(config)) {
            p.store(w, "generator " + name + " of the cluster torture");
        }
    }

    String name() {
        return name;
    }

    Path outputDir() {
        return outputDir;
    }

    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("generator " + name + " is still running");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx384m", "-XX:+UseSerialGC"));
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            cmd.add("-Dlogback.configurationFile=" + logback);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GeneratorCommand.class.getName(),
            "--bootstrap", bootstrap, "--config", config.toString(), "--metrics-port", Integer.toString(port)));
        log = logDir.resolve(name + "-" + (++starts) + ".log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the worker has replayed the config topic to its end (its files are then written as flips come). */
    void awaitCaughtUp(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("generator " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("generator " + name + " did not catch up within " + timeout + "; see " + log);
            }
            Thread.sleep(200);
        }
    }

    private boolean ready() throws InterruptedException {
        try {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(2)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: whatever it was writing stays as it was. Returns the exit status (137). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        ControllerChild.stop(process);
    }
}
