package io.pxeflow.controller.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link ControllerChildMain} in a child JVM that the test can SIGKILL and start again. */
final class ChildController implements AutoCloseable {
    private final List<String> args;
    private final Path logDir;
    private Process process;
    private Path log;
    private int starts;

    ChildController(Path logDir, String... args) {
        this.logDir = logDir;
        this.args = List.of(args);
    }

    void start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), ControllerChildMain.class.getName()));
        cmd.addAll(args);
        log = logDir.resolve("controller-child-" + (++starts) + ".log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    void awaitReady() {
        Await.until(Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("controller child exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return Files.readString(log).lines().anyMatch("READY"::equals);
            } catch (IOException e) {
                return false;
            }
        }, () -> "controller child ready (log " + log + ")");
    }

    /** SIGKILL: no shutdown hook, no flush, no leaving the group, an open transaction left behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
