package io.pxeflow.protocol;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.PxeEvent;

/**
 * The key each record must carry. Every input of a node is keyed by the node's name, so all of
 * them land in the node's partition and are read there in the order the log holds them. DHCP and
 * PXE events name a client, not a node: the bridge looks the client up in the {@code addresses}
 * topic ({@link #client} keys) and keys the event by the node that owns it, or, when no node does,
 * by the client key itself, which makes it a discovery. A record whose key disagrees with its body
 * was not written by a pxeflow sender: the key decides the partition.
 */
public final class TopicKeys {
    public static final String MAC_PREFIX = "mac/";
    public static final String IP_PREFIX = "ip/";

    private TopicKeys() {
    }

    /** A client's key, in {@code addresses} and on an unknown client's event: {@code mac/<MAC>}, else {@code ip/<IP>}. */
    public static String client(MacAddress mac, Ipv4Address ip) {
        if (mac != null) {
            return MAC_PREFIX + mac.value();
        }
        return ip == null ? null : IP_PREFIX + ip;
    }

    public static String client(DhcpEvent e) {
        return client(e.mac(), null);
    }

    /** A PXE event names its client by MAC when it can (the path or the endpoint gave one), else by IP. */
    public static String client(PxeEvent e) {
        return client(e.mac(), e.mac() == null ? e.clientIp() : null);
    }

    /** Whether {@code key} is a client key rather than a node name. */
    public static boolean isClient(String key) {
        return key != null && (key.startsWith(MAC_PREFIX) || key.startsWith(IP_PREFIX));
    }

    /** Why {@code key} cannot key a DHCP event, or null when it can (its client's key, or a node name). */
    public static String dhcpMismatch(String key, DhcpEvent e) {
        return inputMismatch(key, client(e), "MAC");
    }

    /** Why {@code key} cannot key a PXE event, or null when it can (its client's key, or a node name). */
    public static String pxeMismatch(String key, PxeEvent e) {
        return inputMismatch(key, client(e), e.mac() != null ? "MAC" : "client IP");
    }

    private static String inputMismatch(String key, String clientKey, String what) {
        if (isClient(key) || key == null) {
            return mismatch(key, clientKey, what);
        }
        return nodeName(key);
    }

    /** Why {@code key} is not a node name, or null when it is one. */
    public static String nodeName(String key) {
        return key != null && Fields.isHostname(key) ? null
            : "key " + Printable.quote(key) + " is neither a node name nor a client key (mac/…, ip/…)";
    }

    /** Why {@code key} is not {@code expected} (the record's {@code what}), or null when it is. */
    public static String mismatch(String key, String expected, String what) {
        if (expected.equals(key)) {
            return null;
        }
        return "key " + Printable.quote(key) + " does not match the record's " + what + " " + Printable.quote(expected);
    }
}
