package io.pxeflow.protocol.field;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An IPv4 network written {@code 10.78.0.0/24}: its address with no host bits set, and the
 * prefix length. Parsing is strict so that a typo ({@code 10.78.0.1/24}) is reported rather
 * than silently masked to a network the admin did not mean.
 */
public record Ipv4Network(Ipv4Address address, int prefix) {

    public Ipv4Network {
        if (address == null) {
            throw new InvalidFieldException("network", "missing");
        }
        if (prefix < 0 || prefix > 32) {
            throw new InvalidFieldException("network", "prefix length must be 0 to 32: " + prefix);
        }
        if ((address.bits() & ~mask(prefix)) != 0) {
            throw new InvalidFieldException("network", address + "/" + prefix + " has host bits set (the network is "
                + new Ipv4Address(address.bits() & mask(prefix)) + "/" + prefix + ")");
        }
    }

    @JsonCreator
    public static Ipv4Network parse(String text) {
        if (text == null) {
            throw new InvalidFieldException("network", "missing");
        }
        Printable.rejectControl("network", text);
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new InvalidFieldException("network", "expected NETWORK/PREFIX such as 10.78.0.0/24: " + Printable.quote(text));
        }
        String p = t.substring(slash + 1);
        if (!p.matches("[0-9]{1,2}")) {
            throw new InvalidFieldException("network", "not a prefix length: " + Printable.quote(p));
        }
        return new Ipv4Network(Ipv4Address.parse(t.substring(0, slash)), Integer.parseInt(p));
    }

    /** The network of {@code address} under {@code netmask} (host bits cleared). */
    public static Ipv4Network of(Ipv4Address address, Ipv4Address netmask) {
        int prefix = prefixOf(netmask);
        return new Ipv4Network(new Ipv4Address(address.bits() & mask(prefix)), prefix);
    }

    /** The network of {@code address} with {@code prefix} (host bits cleared). */
    public static Ipv4Network containing(Ipv4Address address, int prefix) {
        if (prefix < 0 || prefix > 32) {
            throw new InvalidFieldException("network", "prefix length must be 0 to 32: " + prefix);
        }
        return new Ipv4Network(new Ipv4Address(address.bits() & mask(prefix)), prefix);
    }

    /** The prefix length of a contiguous netmask ({@code 255.255.252.0} is 22). */
    public static int prefixOf(Ipv4Address netmask) {
        int bits = netmask.bits();
        int prefix = Integer.bitCount(bits);
        if (bits != mask(prefix)) {
            throw new InvalidFieldException("netmask", netmask + " is not a contiguous netmask");
        }
        return prefix;
    }

    public Ipv4Address netmask() {
        return new Ipv4Address(mask(prefix));
    }

    /** The last address of the network (its broadcast address). */
    public Ipv4Address last() {
        return new Ipv4Address(address.bits() | ~mask(prefix));
    }

    public boolean contains(Ipv4Address a) {
        return (a.bits() & mask(prefix)) == address.bits();
    }

    public boolean contains(Ipv4Range r) {
        return contains(r.first()) && contains(r.last());
    }

    public boolean overlaps(Ipv4Network o) {
        int common = Math.min(prefix, o.prefix);
        return (address.bits() & mask(common)) == (o.address.bits() & mask(common));
    }

    /** How many addresses the network spans, network and broadcast addresses included. */
    public long size() {
        return 1L << (32 - prefix);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    @JsonValue
    @Override
    public String toString() {
        return address + "/" + prefix;
    }
}
