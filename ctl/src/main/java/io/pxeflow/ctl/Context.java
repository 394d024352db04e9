package io.pxeflow.ctl;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

/**
 * Everything a command takes from the process: streams, environment, clock, zone, whether stdout
 * is a terminal. Only {@link CtlMain#main} reads the real ones; tests pass fixed values.
 */
public record Context(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, ZoneId zone,
                      boolean terminal, Path workDir) {
    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
