package io.pxeflow.testkit.netns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names, creation and removal of the test namespaces: {@code pxft-<pid>-<n>-<role>}, unique per
 * JVM; a namespace whose JVM is gone is removed by the next run.
 */
final class Namespaces {
    private static final Logger LOG = LoggerFactory.getLogger(Namespaces.class);
    static final String PREFIX = "pxft-";
    static final Duration IP_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)-\\d+-[a-z0-9]+\\b");
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private Namespaces() {
    }

    /** A fresh base name, {@code pxft-<pid>-<n>}, to which a role is appended. */
    static String nextBase() {
        return PREFIX + PID + "-" + SEQ.incrementAndGet();
    }

    static void ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        ProcessResult r = Commands.run(cmd, IP_TIMEOUT);
        if (!r.ok()) {
            throw new IllegalStateException("network namespace setup failed although this process is root with "
                + "CAP_SYS_ADMIN and `ip` is installed, so this is a failure, not a skip: " + r.describe());
        }
    }

    /** Sets an interface's MAC and address (each when given) and brings it up. */
    static void configure(Netns ns, String iface, String cidr, String mac) {
        if (mac != null) {
            ip("-n", ns.name(), "link", "set", iface, "address", mac);
        }
        if (cidr != null) {
            ip("-n", ns.name(), "addr", "add", cidr, "dev", iface);
        }
        ip("-n", ns.name(), "link", "set", iface, "up");
    }

    /** Removes a cleanup hook unless the JVM is already running it. */
    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: this is the hook running.
        }
    }

    /** Stops what was started in each namespace, kills what is left and deletes them. Never throws. */
    static void stopAndDelete(List<Netns> namespaces) {
        for (Netns ns : namespaces) {
            try {
                ns.stopStarted();
            } catch (RuntimeException e) {
                LOG.warn("stopping processes in {} failed", ns.name(), e);
            }
        }
        for (Netns ns : namespaces) {
            delete(ns.name());
        }
    }

    /** Kills the processes still in {@code name} (all started by a helper, inside this namespace) and deletes it. */
    static void delete(String name) {
        ProcessResult pids = Commands.run(List.of("ip", "netns", "pids", name), IP_TIMEOUT);
        if (pids.ok()) {
            for (String pid : pids.output().trim().split("\\s+")) {
                if (pid.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        ProcessResult r = Commands.run(List.of("ip", "netns", "del", name), IP_TIMEOUT);
        if (!r.ok() && !r.output().contains("No such file")) {
            LOG.warn("cannot delete network namespace {}: {}", name, r.describe());
        }
    }

    /** Namespaces of earlier test JVMs that died before their cleanup ran. */
    static void removeStale() {
        ProcessResult list = Commands.run(List.of("ip", "netns", "list"), IP_TIMEOUT);
        if (!list.ok()) {
            return;
        }
        for (String line : list.output().split("\n")) {
            Matcher m = OURS.matcher(line.trim());
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                String name = line.trim().split("\\s+")[0];
                LOG.info("removing network namespace {} left by a test JVM that is gone", name);
                delete(name);
            }
        }
    }
}
