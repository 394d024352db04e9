package io.pxeflow.ctl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs ctl in-process with a fixed clock (2025-06-01T12:00:00Z), UTC, and captured output. */
record Run(int exit, String out, String err) {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static Run of(Map<String, String> env, Path workDir, boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context ctx = new Context(new PrintWriter(out), new PrintWriter(err), env, Clock.fixed(NOW, ZoneOffset.UTC),
            ZoneOffset.UTC, terminal, workDir);
        int exit = CtlMain.run(ctx, args);
        return new Run(exit, out.toString(), err.toString());
    }
}
