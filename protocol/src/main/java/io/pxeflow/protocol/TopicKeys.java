package io.pxeflow.protocol;

import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.PxeEvent;

/**
 * The key each input record must carry, derived from its content. A record whose key disagrees
 * with its body was not written by a pxeflow sender: the key decides the partition, so accepting
 * it would let one node's events reach a task that does not own the node.
 */
public final class TopicKeys {
    private TopicKeys() {
    }

    /** {@code dhcp} is keyed by the client's MAC, in its normal (lower-case colon) form. */
    public static String dhcp(DhcpEvent e) {
        return e.mac().value();
    }

    /** {@code pxe} is keyed by the client's MAC when the event names one, else by its IP. */
    public static String pxe(PxeEvent e) {
        return e.mac() != null ? e.mac().value() : e.clientIp().toString();
    }

    /** Why {@code key} is not {@code expected} (the record's {@code what}), or null when it is. */
    public static String mismatch(String key, String expected, String what) {
        if (expected.equals(key)) {
            return null;
        }
        return "key " + Printable.quote(key) + " does not match the record's " + what + " " + Printable.quote(expected);
    }
}
