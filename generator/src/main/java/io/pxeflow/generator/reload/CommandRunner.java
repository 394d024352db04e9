package io.pxeflow.generator.reload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs hook commands with a timeout, capturing a bounded tail of their output for the report. */
public final class CommandRunner {
    private static final Pattern PIDFILE = Pattern.compile("\\{pidfile:([^}]+)}");
    private static final int MAX_OUTPUT = 2000;

    private final Duration timeout;

    public CommandRunner(Duration timeout) {
        this.timeout = timeout;
    }

    /** How a command ended. */
    public record Result(boolean ok, int exitCode, String output, Duration took) {
        public String describe(CommandLine cmd) {
            String tail = output.isBlank() ? "" : ": " + output.strip();
            return (exitCode == -1 ? "timed out" : "exit " + exitCode) + " from '" + cmd + "'" + tail;
        }
    }

    public Result run(CommandLine cmd) {
        long start = System.nanoTime();
        List<String> argv;
        try {
            argv = resolvePidfiles(cmd.argv());
        } catch (IOException e) {
            return new Result(false, 127, "cannot read pid file: " + e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        }
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return new Result(false, 127, "cannot start: " + e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        }
        OutputTail tail = new OutputTail(p.getInputStream());
        Thread reader = new Thread(tail, "hook-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                reader.join(1000);
                return new Result(false, -1, tail.text(), Duration.ofNanos(System.nanoTime() - start));
            }
            reader.join(1000);
            int code = p.exitValue();
            return new Result(code == 0, code, tail.text(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(false, -1, "interrupted", Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static List<String> resolvePidfiles(List<String> argv) throws IOException {
        List<String> out = new ArrayList<>();
        for (String a : argv) {
            Matcher m = PIDFILE.matcher(a);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String pid = Files.readString(Path.of(m.group(1)), StandardCharsets.US_ASCII).trim();
                m.appendReplacement(sb, Matcher.quoteReplacement(pid));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    /** Keeps the last {@value #MAX_OUTPUT} characters of a process's output. */
    private static final class OutputTail implements Runnable {
        private final InputStream in;
        private final StringBuilder buf = new StringBuilder();

        OutputTail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    synchronized (buf) {
                        buf.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
                        if (buf.length() > MAX_OUTPUT * 2) {
                            buf.delete(0, buf.length() - MAX_OUTPUT);
                        }
                    }
                }
            } catch (IOException e) {
                // The process ended; what was read is what there is.
            }
        }

        String text() {
            synchronized (buf) {
                String s = buf.toString();
                return s.length() > MAX_OUTPUT ? "…" + s.substring(s.length() - MAX_OUTPUT) : s;
            }
        }
    }
}
