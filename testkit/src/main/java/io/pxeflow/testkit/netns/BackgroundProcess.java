package io.pxeflow.testkit.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A long-running command (a server) whose output goes to a file; stopped by its namespace's close at the latest. */
public final class BackgroundProcess implements AutoCloseable {
    private final String command;
    private final Process process;
    private final Path output;

    BackgroundProcess(String command, Process process, Path output) {
        this.command = command;
        this.process = process;
        this.output = output;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Everything it printed so far. */
    public String output() {
        try {
            return Files.exists(output) ? new String(Files.readAllBytes(output), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until {@code ready} accepts the text of {@code file} (a log the process writes, or
     * its own output), failing at once if the process dies first.
     */
    public void awaitFile(Path file, Predicate<String> ready, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = read(file);
            if (ready.test(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("`" + command + "` exited " + process.exitValue() + " before it was ready:\n"
                    + output() + "\n--- " + file + ":\n" + text);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("`" + command + "` not ready after " + timeout + ":\n" + output()
                    + "\n--- " + file + ":\n" + text);
            }
            Thread.sleep(50);
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within five seconds. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return command + " (pid " + process.pid() + ")";
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
