package io.pxeflow.testkit.netns;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any number of network namespaces wired as a test needs them: veth links, bridges, tap devices
 * (for a VM), routes and forwarding; for topologies {@link NetnsPair} cannot make, such as a
 * server, a DHCP relay with two interfaces and a client on the relay's far side. Names are
 * {@code pxft-<pid>-<n>-<role>}; nothing is ever created in the host's namespace. {@link #close}
 * stops what was started inside, kills what is left and deletes every namespace; a shutdown hook
 * does the same if the JVM is stopped first, and the next run removes what a killed JVM left.
 *
 * <pre>{@code
 * try (NetnsLab lab = NetnsLab.create()) {
 *     Netns server = lab.namespace("srv", "br0");
 *     lab.bridge(server, "br0", "10.78.0.1/24");
 *     Netns client = lab.namespace("cla", "eth0");
 *     lab.linkToBridge(server, "br0", "p-cla", client, "eth0", null, "52:54:00:78:00:10");
 * }
 * }</pre>
 */
public final class NetnsLab implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NetnsLab.class);

    private final String base;
    private final List<Netns> namespaces = new ArrayList<>();
    private final Thread cleanupOnExit;
    private boolean closed;

    private NetnsLab(String base) {
        this.base = base;
        this.cleanupOnExit = new Thread(this::close, "netns-cleanup-" + base);
    }

    /** A lab, or a skipped test where namespaces cannot be made here (see {@link NetnsSupport}). */
    public static NetnsLab create() {
        NetnsSupport.assumeAvailable();
        Namespaces.removeStale();
        NetnsLab lab = new NetnsLab(Namespaces.nextBase());
        Runtime.getRuntime().addShutdownHook(lab.cleanupOnExit);
        return lab;
    }

    /** A new namespace with loopback up; {@code primaryIface} is what {@link Netns#iface()} names (created by a later call). */
    public synchronized Netns namespace(String role, String primaryIface) {
        if (!role.matches("[a-z0-9]{1,8}")) {
            throw new IllegalArgumentException("role: 1 to 8 lower-case letters or digits: " + role);
        }
        Netns ns = new Netns(base + "-" + role, primaryIface);
        Namespaces.ip("netns", "add", ns.name());
        namespaces.add(ns);
        Namespaces.ip("-n", ns.name(), "link", "set", "lo", "up");
        return ns;
    }

    /** A veth pair between {@code a} and {@code b}, each end optionally addressed (CIDR) and with a chosen MAC. */
    public void link(Netns a, String ifA, String cidrA, String macA, Netns b, String ifB, String cidrB, String macB) {
        Namespaces.ip("-n", a.name(), "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", b.name());
        Namespaces.configure(a, ifA, cidrA, macA);
        Namespaces.configure(b, ifB, cidrB, macB);
    }

    /** A bridge in {@code ns} with an address, up. */
    public void bridge(Netns ns, String name, String cidr) {
        Namespaces.ip("-n", ns.name(), "link", "add", name, "type", "bridge");
        Namespaces.configure(ns, name, cidr, null);
    }

    /** A veth from a port of {@code bridge} (in {@code bridgeNs}) to {@code ifName} in {@code other}. */
    public void linkToBridge(Netns bridgeNs, String bridge, String port, Netns other, String ifName, String cidr, String mac) {
        link(bridgeNs, port, null, null, other, ifName, cidr, mac);
        Namespaces.ip("-n", bridgeNs.name(), "link", "set", port, "master", bridge);
    }

    /** A tap device on {@code bridge}, for a VM started in {@code ns} ({@code -netdev tap,ifname=NAME}). */
    public void tap(Netns ns, String name, String bridge) {
        Namespaces.ip("-n", ns.name(), "tuntap", "add", "dev", name, "mode", "tap");
        Namespaces.ip("-n", ns.name(), "link", "set", name, "master", bridge);
        Namespaces.ip("-n", ns.name(), "link", "set", name, "up");
    }

    /** One more address (IPv4 or IPv6 CIDR) on an interface. */
    public void address(Netns ns, String iface, String cidr) {
        Namespaces.ip("-n", ns.name(), "addr", "add", cidr, "dev", iface);
    }

    public void route(Netns ns, String destination, String via) {
        Namespaces.ip("-n", ns.name(), "route", "add", destination, "via", via);
    }

    /** Lets {@code ns} route between its interfaces (a relay that is also the far network's router). */
    public void forwarding(Netns ns) {
        // /proc/sys/net belongs to the namespace the writer is in; sysctl(8) may not be installed.
        ns.exec(Namespaces.IP_TIMEOUT, "sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward").orFail();
    }

    /** Stops everything started inside, kills what is left in every namespace and deletes them. Never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Namespaces.removeHook(cleanupOnExit);
        Namespaces.stopAndDelete(namespaces);
    }
}
