package io.pxeflow.bridge.parse;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;

/** Lenient readers for values that come from clients and must not sink a whole event. */
final class Values {
    private Values() {
    }

    /**
     * Client-supplied free text (vendor class, supplied host name): kept when it is printable
     * and short, dropped otherwise. A PXE ROM with a broken option must still produce its event.
     */
    static String text(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Fields.text("text", value.strip(), max);
        } catch (InvalidFieldException e) {
            return null;
        }
    }

    /** A host name only if it is RFC 1123; dnsmasq prints notes ("ignored") in the same place. */
    static String hostname(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        return Fields.isHostname(v) ? v : null;
    }

    static MacAddress mac(String value) {
        return value != null && MacAddress.isValid(value) ? MacAddress.of(value) : null;
    }

    /** IPv4, also in the v4-mapped IPv6 form tftpd-hpa prints on a dual-stack socket. */
    static Ipv4Address ip(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.regionMatches(true, 0, "::ffff:", 0, 7)) {
            v = v.substring(7);
        }
        return Ipv4Address.isValid(v) ? Ipv4Address.parse(v) : null;
    }
}
