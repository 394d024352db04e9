package io.pxeflow.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.opentest4j.TestAbortedException;

/**
 * The one place a test decides that this machine lacks what it needs (a tool, root, network
 * namespaces, a package manager) and skips, saying why. Every skip message starts with
 * {@value #PREFIX}, so the summary {@code bin/test} prints at the end of a run lists them all.
 *
 * <p>{@code PXEFLOW_REQUIRE_ALL=1} (CI sets it) turns every such skip into a failure: on a machine
 * that is meant to have everything, a missing tool is a broken machine, not a reason to pass.
 * {@code PXEFLOW_REQUIRE_NETNS=1}, the older switch, still does the same for namespaces alone.
 */
public final class Prerequisites {
    /** The switch that makes every missing prerequisite a failure. */
    public static final String REQUIRE_ALL = "PXEFLOW_REQUIRE_ALL";
    /** Starts every skip message this class produces. */
    public static final String PREFIX = "missing prerequisite: ";

    private Prerequisites() {
    }

    /** Skips the calling test with {@code reason} unless {@code met}; fails instead under {@link #REQUIRE_ALL}. */
    public static void require(boolean met, Supplier<String> reason) {
        require(met, reason, null);
    }

    /**
     * As {@link #require(boolean, Supplier)}; {@code legacySwitch} is an older variable that also
     * turns this kind of skip into a failure (e.g. {@code PXEFLOW_REQUIRE_NETNS}).
     */
    public static void require(boolean met, Supplier<String> reason, String legacySwitch) {
        if (met) {
            return;
        }
        String why = reason.get();
        for (String name : legacySwitch == null ? new String[] {REQUIRE_ALL} : new String[] {REQUIRE_ALL, legacySwitch}) {
            if (required(System.getenv(), name)) {
                throw new AssertionError(name + " is set, so this test may not skip: " + why);
            }
        }
        throw new TestAbortedException(PREFIX + why);
    }

    /** Whether the switch {@code name} is on in {@code env} (set, and not empty, 0 or false). */
    static boolean required(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank() && !v.trim().equals("0") && !v.trim().equalsIgnoreCase("false");
    }

    /** Whether this JVM runs as root (uid 0), read from /proc as the kernel sees it. */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
