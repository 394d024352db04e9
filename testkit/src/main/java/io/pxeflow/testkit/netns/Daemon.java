package io.pxeflow.testkit.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/** A server started in a namespace, with the log it writes: what the DHCP server helpers have in common. */
public abstract class Daemon implements AutoCloseable {
    private final BackgroundProcess process;
    private final Path log;

    Daemon(BackgroundProcess process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Waits until {@code log} shows the daemon ready; on failure stops it and throws with its output. */
    static BackgroundProcess started(BackgroundProcess p, Path log, Predicate<String> ready, Duration timeout)
            throws InterruptedException {
        try {
            p.awaitFile(log, ready, timeout);
            return p;
        } catch (AssertionError | InterruptedException e) {
            p.close();
            throw e;
        }
    }

    /** The file its events are logged to, as a bridge follows it. */
    public Path log() {
        return log;
    }

    /** The log so far, for assertions and failure messages. */
    public String logText() {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Waits until the log satisfies {@code condition}; fails with the log if the daemon dies or time runs out. */
    public void awaitLog(Predicate<String> condition, Duration timeout) throws InterruptedException {
        process.awaitFile(log, condition, timeout);
    }

    public boolean alive() {
        return process.alive();
    }

    @Override
    public void close() {
        process.close();
    }
}
