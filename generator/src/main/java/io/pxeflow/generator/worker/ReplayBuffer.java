package io.pxeflow.generator.worker;

import io.pxeflow.generator.output.ConfigChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compacts the config topic in memory while a worker replays it, so a restart does not walk the
 * files through every historical generation (rewriting node15 to stage pxe and back to local,
 * re-creating and re-archiving a removed node's overlay). Per key it keeps the latest change and,
 * unless that is a removal, the one before it: if the latest record turns out to be refused, the
 * previous one is what the node's files must still say.
 */
final class ReplayBuffer {
    private final Map<String, ConfigChange[]> byKey = new LinkedHashMap<>();

    void add(ConfigChange c) {
        ConfigChange[] before = byKey.remove(c.key());
        ConfigChange previous = before == null ? null : before[1] != null ? before[1] : before[0];
        if (c instanceof ConfigChange.Remove || previous instanceof ConfigChange.Remove) {
            previous = null;
        }
        byKey.put(c.key(), new ConfigChange[] {previous, c});
    }

    int size() {
        return byKey.size();
    }

    /**
     * The compacted changes in the order keys last changed (a MAC released by one node before
     * another claims it stays in that order), the network first so that nodes are rendered on it
     * once, and empties the buffer.
     */
    List<ConfigChange> drain() {
        List<ConfigChange> out = new ArrayList<>(byKey.size() + 16);
        ConfigChange[] network = byKey.remove(ConfigChange.Network.KEY);
        if (network != null) {
            out.add(network[1]);
        }
        for (ConfigChange[] pair : byKey.values()) {
            if (pair[0] != null) {
                out.add(pair[0]);
            }
            out.add(pair[1]);
        }
        byKey.clear();
        return out;
    }
}
