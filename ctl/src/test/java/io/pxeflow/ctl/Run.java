package io.pxeflow.ctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs ctl in-process with captured output, in UTC. */
record Run(int exit, String out, String err) {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    /** Against fixtures: a fixed clock (2025-06-01T12:00:00Z), so ages in the output are stable. */
    static Run of(Map<String, String> env, Path workDir, boolean terminal, String... args) {
        return with(Clock.fixed(NOW, ZoneOffset.UTC), new StringWriter(), env, workDir, terminal, args);
    }

    /** Against a live controller: its times are real, so is the clock; {@code err} may watch what is written. */
    static Run live(StringWriter err, Map<String, String> env, Path workDir, boolean terminal, String... args) {
        return with(Clock.systemUTC(), err, env, workDir, terminal, args);
    }

    private static Run with(Clock clock, StringWriter err, Map<String, String> env, Path workDir, boolean terminal,
                            String... args) {
        StringWriter out = new StringWriter();
        Context ctx = new Context(new PrintWriter(out), new PrintWriter(err), env, clock, ZoneOffset.UTC, terminal, workDir);
        int exit = CtlMain.run(ctx, args);
        return new Run(exit, out.toString(), err.toString());
    }
}
