package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Network;
import io.pxeflow.protocol.field.Printable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One network the cluster's nodes and devices boot on: the head node's own private network, or a
 * rack behind a DHCP relay. Part of the inventory ({@link ClusterInventory#subnets()}), so the
 * generated DHCP files follow what the admin declared rather than generator settings.
 *
 * @param network    the network, e.g. {@code 10.78.0.0/24}
 * @param router     the default gateway handed to clients on it, or null
 * @param nextServer where its PXE clients fetch boot files over TFTP, or null (the master's address)
 * @param dns        DNS servers handed to its clients (may be empty)
 * @param domain     the DNS domain of its clients, or null
 * @param ipxe       where its iPXE clients fetch their script: a full {@code http(s)://} URL, or an
 *                   {@code ADDRESS[:PORT]} of the pxeflow endpoint; null for the generator's default
 * @param iface      the head node's interface this network was read from ({@code interface eth1}),
 *                   or null when it was declared with an address
 */
public record Subnet(Ipv4Network network, Ipv4Address router, Ipv4Address nextServer, List<Ipv4Address> dns,
                     String domain, String ipxe, String iface) {

    /** The pxeflow iPXE endpoint's path and the query iPXE fills in, after {@code http://ADDRESS:PORT}. */
    public static final String IPXE_PATH = "/boot/ipxe?mac=${net0/mac}";
    public static final int MIN_PREFIX = 8;
    public static final int MAX_PREFIX = 30;
    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9._/+:@%=~?&${}-]+");
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9][A-Za-z0-9.-]*)(?::([0-9]{1,5}))?");
    private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,14}");

    public Subnet {
        if (network == null) {
            throw new InvalidFieldException("subnet", "missing its network");
        }
        if (network.prefix() < MIN_PREFIX || network.prefix() > MAX_PREFIX) {
            throw new InvalidFieldException("subnet", network + ": a cluster subnet's prefix length is " + MIN_PREFIX
                + " to " + MAX_PREFIX);
        }
        if (router != null && !usable(network, router)) {
            throw new InvalidFieldException("router", router + " is not a host address of " + network);
        }
        dns = dns == null ? List.of() : List.copyOf(dns);
        if (domain != null) {
            Fields.hostname("domain", domain);
        }
        if (ipxe != null) {
            checkIpxe(ipxe);
        }
        if (iface != null && !IFACE.matcher(iface).matches()) {
            throw new InvalidFieldException("interface", "not an interface name: " + Printable.quote(iface));
        }
    }

    /** A subnet with only its network (options unset). */
    public static Subnet of(Ipv4Network network) {
        return new Subnet(network, null, null, List.of(), null, null, null);
    }

    /** Whether {@code a} is an address a client of {@code n} can hold: inside it, neither its network nor broadcast address. */
    public static boolean usable(Ipv4Network n, Ipv4Address a) {
        return n.contains(a) && !a.equals(n.address()) && !a.equals(n.last());
    }

    public boolean contains(Ipv4Address a) {
        return network.contains(a);
    }

    /** True when nothing but the network (and the interface it came from) is declared. */
    public boolean bare() {
        return router == null && nextServer == null && dns.isEmpty() && domain == null && ipxe == null;
    }

    public Subnet withIface(String name) {
        return new Subnet(network, router, nextServer, dns, domain, ipxe, name);
    }

    /** The URL iPXE clients of this subnet chain to, given the endpoint's default port; null when none is declared. */
    public String ipxeUrl(int defaultPort) {
        if (ipxe == null) {
            return null;
        }
        if (URL.matcher(ipxe).matches()) {
            return ipxe;
        }
        return "http://" + (ipxe.contains(":") ? ipxe : ipxe + ":" + defaultPort) + IPXE_PATH;
    }

    /** Checks an iPXE declaration: an http(s) URL, or ADDRESS[:PORT]. */
    public static String checkIpxe(String value) {
        Printable.rejectControl("ipxe", value);
        if (URL.matcher(value).matches()) {
            return value;
        }
        var m = HOST_PORT.matcher(value);
        if (!m.matches() || !(Ipv4Address.isValid(m.group(1)) || Fields.isHostname(m.group(1)))) {
            throw new InvalidFieldException("ipxe", "expected an http:// URL or ADDRESS[:PORT] of the pxeflow endpoint: "
                + Printable.quote(value));
        }
        if (m.group(2) != null && (Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535)) {
            throw new InvalidFieldException("ipxe", "port out of range: " + Printable.quote(value));
        }
        return value;
    }
}
