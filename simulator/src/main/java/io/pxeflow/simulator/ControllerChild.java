package io.pxeflow.simulator;

import io.pxeflow.simulator.bench.ControllerProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A controller ({@link ControllerProcess}) in a child JVM that can be SIGKILLed and started
 * again. Its output goes to {@code controller-N.log} in the log directory (one per start); the
 * parent learns its port and readiness from the {@code PORT} and {@code READY} lines there, not
 * from HTTP.
 */
public final class ControllerChild implements EmbeddedStack.RunningController {
    /** What {@code bin/pxeflow} gives the controller. */
    public static final String DEFAULT_JAVA_OPTS = "-Xms256m -Xmx1g -XX:+UseG1GC";

    private final String bootstrap;
    private final String prefix;
    private final Path stateDir;
    private final Path logDir;
    private final List<String> javaOpts;
    private final Map<String, String> overrides;
    private Process process;
    private Path log;
    private long logOffset;
    private final StringBuilder partialLine = new StringBuilder();
    private int port = -1;
    private volatile boolean ready;
    private int starts;

    /**
     * @param stateDir  the parent of the controller's {@code controller/} state directory
     * @param overrides controller settings on top of {@link EmbeddedStack#controllerSettings}
     */
    public ControllerChild(String bootstrap, String prefix, Path stateDir, Path logDir, String javaOpts,
                           Map<String, String> overrides) {
        this.bootstrap = bootstrap;
        this.prefix = prefix;
        this.stateDir = stateDir;
        this.logDir = logDir;
        this.javaOpts = javaOpts.isBlank() ? List.of() : Arrays.asList(javaOpts.trim().split("\\s+"));
        this.overrides = Map.copyOf(overrides);
    }

    /** Spawns a new controller JVM; the previous one must have been killed or closed. */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("controller child " + process.pid() + " is still running");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(javaOpts);
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            cmd.add("-Dlogback.configurationFile=" + logback);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ControllerProcess.class.getName(), bootstrap,
            prefix, stateDir.toString()));
        overrides.forEach((k, v) -> cmd.add(k + "=" + v));
        Files.createDirectories(logDir);
        log = logDir.resolve("controller-" + (++starts) + ".log");
        logOffset = 0;
        partialLine.setLength(0);
        port = -1;
        ready = false;
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for the current controller's {@code READY} line; fails if it exits or takes longer than {@code timeout}. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready) {
            readLog();
            if (ready) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("controller child " + process.pid() + " exited with " + process.exitValue()
                    + " before it was ready; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("controller child " + process.pid() + " not ready within " + timeout
                    + "; see " + log);
            }
            Thread.sleep(20);
        }
    }

    /**
     * SIGKILL (what {@link Process#destroyForcibly()} sends on Linux): no shutdown hook, no flush,
     * no leaving the group, its open transaction left behind. Returns the exit status, 137
     * (128 + 9) when the signal did it.
     */
    public int kill() throws InterruptedException {
        ready = false;
        process.destroyForcibly();
        return process.waitFor();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public int httpPort() throws IOException, InterruptedException {
        return port(Duration.ofSeconds(60));
    }

    /** The current controller's HTTP port, once it has printed it (waits up to {@code timeout}). */
    public int port(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (port < 0) {
            readLog();
            if (port >= 0) {
                break;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("controller child did not listen; see " + log);
            }
            Thread.sleep(20);
        }
        return port;
    }

    /** The controller's own state directory (what {@link EmbeddedStack#controllerSettings} puts under the given one). */
    public Path controllerStateDir() {
        return stateDir.resolve("controller");
    }

    public Path log() {
        return log;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    /** Reads the log from where the last read stopped, looking for the PORT and READY lines. */
    private void readLog() throws IOException {
        if (!Files.exists(log)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            if (f.length() <= logOffset) {
                return;
            }
            f.seek(logOffset);
            byte[] bytes = new byte[(int) Math.min(f.length() - logOffset, 1 << 20)];
            f.readFully(bytes);
            logOffset += bytes.length;
            partialLine.append(new String(bytes, StandardCharsets.UTF_8));
        }
        int nl;
        while ((nl = partialLine.indexOf("\n")) >= 0) {
            String line = partialLine.substring(0, nl).trim();
            partialLine.delete(0, nl + 1);
            if (line.startsWith("PORT ")) {
                port = Integer.parseInt(line.substring(5).trim());
            } else if (line.equals("READY")) {
                ready = true;
            }
        }
    }

    /** A graceful stop (SIGTERM: the controller leaves its group), SIGKILL if it does not go within 20 s. */
    @Override
    public void close() {
        ready = false;
        stop(process);
    }

    /** SIGTERM, then SIGKILL if the child has not gone within 20 s; nothing if it is not running. */
    public static void stop(Process process) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
