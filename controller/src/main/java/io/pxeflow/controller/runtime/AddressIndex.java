package io.pxeflow.controller.runtime;

import io.pxeflow.protocol.TopicKeys;
import io.pxeflow.protocol.message.NodeSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entries of the {@code addresses} topic, the MAC/IP → node index bridges use to key DHCP
 * and TFTP events (which name no node) by node. Keys are the client keys of {@link TopicKeys}
 * ({@code mac/<mac>}, {@code ip/<ip>}); a null value removes the key.
 */
final class AddressIndex {
    private AddressIndex() {
    }

    /** The index updates that take the index from {@code before} to {@code after} (either may be null). */
    static Map<String, String> changes(NodeSpec before, NodeSpec after) {
        Map<String, String> out = new LinkedHashMap<>();
        if (before != null) {
            before.macs().forEach(m -> out.put(TopicKeys.client(m, null), null));
            if (before.ip() != null) {
                out.put(TopicKeys.client(null, before.ip()), null);
            }
        }
        if (after != null) {
            after.macs().forEach(m -> out.put(TopicKeys.client(m, null), after.name()));
            if (after.ip() != null) {
                out.put(TopicKeys.client(null, after.ip()), after.name());
            }
        }
        if (before != null && after != null && before.name().equals(after.name())) {
            // Unchanged entries need no write.
            before.macs().stream().filter(after.macs()::contains).forEach(m -> out.remove(TopicKeys.client(m, null)));
            if (before.ip() != null && before.ip().equals(after.ip())) {
                out.remove(TopicKeys.client(null, before.ip()));
            }
        }
        return out;
    }
}
