package io.pxeflow.protocol.field;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An IPv4 address held as its 32 bits so that ranges, ordering and PXELINUX's hex names are
 * arithmetic. Parsing is strict: four decimal octets, no leading zeros (which some resolvers
 * read as octal).
 */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

    @JsonCreator
    public static Ipv4Address parse(String text) {
        if (text == null) {
            throw new InvalidFieldException("ip", "missing");
        }
        Printable.rejectControl("ip", text);
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidFieldException("ip", "not an IPv4 address: " + Printable.quote(text));
        }
        int bits = 0;
        for (String p : parts) {
            int octet = octet(p);
            if (octet < 0) {
                throw new InvalidFieldException("ip", "not an IPv4 address: " + Printable.quote(text));
            }
            bits = (bits << 8) | octet;
        }
        return new Ipv4Address(bits);
    }

    /** 0 to 255 written as decimal without a leading zero, else -1; by hand, as every decoded message parses addresses. */
    private static int octet(String p) {
        int n = p.length();
        if (n == 0 || n > 3 || (n > 1 && p.charAt(0) == '0')) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v > 255 ? -1 : v;
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidFieldException e) {
            return false;
        }
    }

    /** Upper-case hex as PXELINUX looks it up ({@code 10.8.136.1} is {@code 0A088801}). */
    public String hex() {
        String h = Integer.toHexString(bits).toUpperCase(java.util.Locale.ROOT);
        return "00000000".substring(h.length()) + h;
    }

    public Ipv4Address plus(int n) {
        return new Ipv4Address(bits + n);
    }

    public long unsigned() {
        return Integer.toUnsignedLong(bits);
    }

    @JsonValue
    @Override
    public String toString() {
        return ((bits >>> 24) & 0xff) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(bits, o.bits);
    }
}
