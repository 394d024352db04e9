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
 * Two network namespaces joined by a veth pair: a server side and a client side, each with an
 * interface named {@value #IFACE}, optionally addressed and with a chosen MAC. Names are unique
 * per JVM and test ({@code pxft-<pid>-<n>-a|b}); {@link #close} always stops what was started
 * inside, kills anything left in the namespaces and deletes them, and a shutdown hook does the
 * same if the JVM is stopped first. Namespaces left by a JVM that was killed outright are
 * removed by the next run.
 *
 * <pre>{@code
 * try (NetnsPair net = NetnsPair.create(End.addressed("10.54.0.1/16"), End.unaddressed("00:a0:d1:e5:c4:6e"))) {
 *     net.a().start(log, "dnsmasq", ...);
 *     net.b().exec(Duration.ofSeconds(20), "busybox", "udhcpc", ...).orFail();
 * }
 * }</pre>
 */
public final class NetnsPair implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NetnsPair.class);
    public static final String IFACE = "eth0";
    private static final String PREFIX = "pxft-";
    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)-\\d+-[ab]\\b");
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();

    private final Netns a;
    private final Netns b;
    private final Thread cleanupOnExit;
    private boolean closed;

    /** One side of the pair: an address in CIDR form (or null for a DHCP client) and a MAC (or null for a random one). */
    public record End(String cidr, String mac) {
        public static End addressed(String cidr) {
            return new End(cidr, null);
        }

        public static End unaddressed(String mac) {
            return new End(null, mac);
        }
    }

    private NetnsPair(Netns a, Netns b) {
        this.a = a;
        this.b = b;
        this.cleanupOnExit = new Thread(this::close, "netns-cleanup-" + a.name());
    }

    /**
     * Creates the pair, or skips the calling test where namespaces cannot be made here (see
     * {@link NetnsSupport}). Where they can, any failure is thrown: it is a failure, not a skip.
     */
    public static NetnsPair create(End aEnd, End bEnd) {
        NetnsSupport.assumeAvailable();
        removeStale();
        String base = PREFIX + PID + "-" + SEQ.incrementAndGet();
        NetnsPair pair = new NetnsPair(new Netns(base + "-a", IFACE), new Netns(base + "-b", IFACE));
        Runtime.getRuntime().addShutdownHook(pair.cleanupOnExit);
        try {
            ip("netns", "add", pair.a.name());
            ip("netns", "add", pair.b.name());
            // Both ends are made inside their namespaces, so nothing is ever named in the host's.
            ip("-n", pair.a.name(), "link", "add", IFACE, "type", "veth", "peer", "name", IFACE, "netns", pair.b.name());
            configure(pair.a, aEnd);
            configure(pair.b, bEnd);
        } catch (RuntimeException | Error e) {
            pair.close();
            throw e;
        }
        LOG.info("network namespaces {} ({}) and {} ({}) joined by a veth pair", pair.a.name(),
            aEnd.cidr() == null ? "no address" : aEnd.cidr(), pair.b.name(), bEnd.cidr() == null ? "no address" : bEnd.cidr());
        return pair;
    }

    public Netns a() {
        return a;
    }

    public Netns b() {
        return b;
    }

    private static void configure(Netns ns, End end) {
        ip("-n", ns.name(), "link", "set", "lo", "up");
        if (end.mac() != null) {
            ip("-n", ns.name(), "link", "set", IFACE, "address", end.mac());
        }
        if (end.cidr() != null) {
            ip("-n", ns.name(), "addr", "add", end.cidr(), "dev", IFACE);
        }
        ip("-n", ns.name(), "link", "set", IFACE, "up");
    }

    private static void ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        ProcessResult r = Commands.run(cmd, IP_TIMEOUT);
        if (!r.ok()) {
            throw new IllegalStateException("network namespace setup failed although this process is root with "
                + "CAP_SYS_ADMIN and `ip` is installed, so this is a failure, not a skip: " + r.describe());
        }
    }

    /** Stops everything started inside, kills what is left in both namespaces and deletes them. Never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException e) {
            // Already shutting down: this is the hook running.
        }
        for (Netns ns : List.of(a, b)) {
            try {
                ns.stopStarted();
            } catch (RuntimeException e) {
                LOG.warn("stopping processes in {} failed", ns.name(), e);
            }
        }
        for (Netns ns : List.of(a, b)) {
            delete(ns.name());
        }
    }

    /** Kills the processes still in {@code name} (all started by this helper, inside this namespace) and deletes it. */
    private static void delete(String name) {
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
    private static void removeStale() {
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
