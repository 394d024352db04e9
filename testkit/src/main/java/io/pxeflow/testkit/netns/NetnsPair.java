package io.pxeflow.testkit.netns;

import java.util.List;
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
        Namespaces.removeStale();
        String base = Namespaces.nextBase();
        NetnsPair pair = new NetnsPair(new Netns(base + "-a", IFACE), new Netns(base + "-b", IFACE));
        Runtime.getRuntime().addShutdownHook(pair.cleanupOnExit);
        try {
            Namespaces.ip("netns", "add", pair.a.name());
            Namespaces.ip("netns", "add", pair.b.name());
            // Both ends are made inside their namespaces, so nothing is ever named in the host's.
            Namespaces.ip("-n", pair.a.name(), "link", "add", IFACE, "type", "veth", "peer", "name", IFACE, "netns", pair.b.name());
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
        Namespaces.ip("-n", ns.name(), "link", "set", "lo", "up");
        Namespaces.configure(ns, IFACE, end.cidr(), end.mac());
    }

    /** Stops everything started inside, kills what is left in both namespaces and deletes them. Never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Namespaces.removeHook(cleanupOnExit);
        Namespaces.stopAndDelete(List.of(a, b));
    }
}
