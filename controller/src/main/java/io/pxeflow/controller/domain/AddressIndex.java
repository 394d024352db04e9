package io.pxeflow.controller.domain;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.NodeSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MAC/IP → node index that resolves DHCP and TFTP events (which name no node) to nodes.
 * Keys are {@code mac:<mac>} and {@code ip:<ip>}; a null value removes the key.
 */
public final class AddressIndex {
    private AddressIndex() {
    }

    public static String macKey(MacAddress mac) {
        return "mac:" + mac.value();
    }

    public static String ipKey(Ipv4Address ip) {
        return "ip:" + ip;
    }

    /** The index updates that take the index from {@code before} to {@code after} (either may be null). */
    public static Map<String, String> changes(NodeSpec before, NodeSpec after) {
        Map<String, String> out = new LinkedHashMap<>();
        if (before != null) {
            before.macs().forEach(m -> out.put(macKey(m), null));
            if (before.ip() != null) {
                out.put(ipKey(before.ip()), null);
            }
        }
        if (after != null) {
            after.macs().forEach(m -> out.put(macKey(m), after.name()));
            if (after.ip() != null) {
                out.put(ipKey(after.ip()), after.name());
            }
        }
        if (before != null && after != null) {
            // Unchanged entries need no write.
            before.macs().stream().filter(after.macs()::contains).forEach(m -> out.remove(macKey(m)));
            if (before.ip() != null && before.ip().equals(after.ip()) && before.name().equals(after.name())) {
                out.remove(ipKey(before.ip()));
            }
            if (!before.name().equals(after.name())) {
                after.macs().forEach(m -> out.put(macKey(m), after.name()));
            }
        }
        return out;
    }
}
