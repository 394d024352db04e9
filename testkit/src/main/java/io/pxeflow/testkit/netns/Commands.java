package io.pxeflow.testkit.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a deadline, capturing stdout and stderr together. */
final class Commands {
    private Commands() {
    }

    static ProcessResult run(List<String> command, Duration timeout) {
        String shown = String.join(" ", command);
        Path out = null;
        try {
            out = Files.createTempFile("pxeflow-cmd", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            String text = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            return new ProcessResult(shown, done ? p.exitValue() : -1, !done, text);
        } catch (IOException e) {
            return new ProcessResult(shown, -1, false, "cannot run: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessResult(shown, -1, true, "interrupted");
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
