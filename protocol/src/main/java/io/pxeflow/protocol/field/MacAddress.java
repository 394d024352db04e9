package io.pxeflow.protocol.field;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Ethernet MAC address in lower-case colon form ({@code 00:a0:d1:e5:c4:6e}).
 * Accepts the spellings admins paste from switches, BIOS screens and dhcpd.conf:
 * colon, dash, Cisco dotted ({@code 00a0.d1e5.c46e}) and bare hex. Only a network card's own
 * address is one: a group address (broadcast {@code ff:ff:ff:ff:ff:ff}, multicast, any with the
 * low bit of the first octet set) or all zeros never sends a DHCP request, and written into
 * dhcpd.conf as a host's {@code hardware ethernet} it would match frames that are not that host's.
 */
public record MacAddress(String value) implements Comparable<MacAddress> {

    public MacAddress {
        value = normalise(value);
    }

    @JsonCreator
    public static MacAddress of(String text) {
        return new MacAddress(text);
    }

    /** Whether {@code text} is a MAC in one of the accepted spellings. */
    public static boolean isValid(String text) {
        try {
            normalise(text);
            return true;
        } catch (InvalidFieldException e) {
            return false;
        }
    }

    // Compiled once: every decoded message that names a client parses its MAC.
    private static final Pattern SEPARATED = Pattern.compile("(?i)[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(\\1[0-9a-f]{1,2}){4}");
    private static final Pattern SEPARATOR = Pattern.compile("[:-]");
    private static final Pattern DOTTED = Pattern.compile("(?i)[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}");
    private static final Pattern BARE = Pattern.compile("(?i)[0-9a-f]{12}");

    private static String normalise(String text) {
        if (text == null) {
            throw new InvalidFieldException("mac", "missing");
        }
        Printable.rejectControl("mac", text);
        String t = text.trim();
        String hex;
        if (SEPARATED.matcher(t).matches()) {
            // One separator throughout: "00:a0-d1:e5:c4:6e" is a typo, not a spelling.
            StringBuilder sb = new StringBuilder(12);
            for (String part : SEPARATOR.split(t)) {
                sb.append(part.length() == 1 ? "0" + part : part);
            }
            hex = sb.toString();
        } else if (DOTTED.matcher(t).matches()) {
            hex = t.replace(".", "");
        } else if (BARE.matcher(t).matches()) {
            hex = t;
        } else {
            throw new InvalidFieldException("mac", "not a MAC address: " + Printable.quote(text));
        }
        hex = hex.toLowerCase(Locale.ROOT);
        if ((Character.digit(hex.charAt(1), 16) & 1) != 0) {
            throw new InvalidFieldException("mac", "a broadcast or multicast (group) address is no client's: "
                + Printable.quote(text));
        }
        if (hex.equals("000000000000")) {
            throw new InvalidFieldException("mac", "the all-zero address is no client's: " + Printable.quote(text));
        }
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    /** The PXELINUX per-client config name: {@code 01-00-a0-d1-e5-c4-6e} (ARP type 1). */
    public String pxelinuxName() {
        return "01-" + value.replace(':', '-');
    }

    /** Lower-case hex with dashes, as iPXE and GRUB file names use it. */
    public String dashed() {
        return value.replace(':', '-');
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public int compareTo(MacAddress o) {
        return value.compareTo(o.value);
    }
}
