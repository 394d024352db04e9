package io.pxeflow.generator.output;

import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.ConfigRecord;

/** One record from the config topic (or the inventory record, for its networks), as the output tree sees it. */
public sealed interface ConfigChange {
    String key();

    /** A full record for a key (never a delta). */
    record Upsert(String key, ConfigRecord record) implements ConfigChange {
    }

    /** A tombstone: the key is gone. */
    record Remove(String key) implements ConfigChange {
    }

    /** Bytes that did not decode into a valid record; the key's previous files stay. */
    record Undecodable(String key, String reason) implements ConfigChange {
    }

    /**
     * The inventory record ({@code inventory} topic, key {@code cluster}): the networks to serve;
     * null after a tombstone. Its key cannot be a node's (a node name holds no '/') or a host's.
     */
    record Network(String key, ClusterInventory inventory) implements ConfigChange {
        public static final String KEY = "inventory/" + ClusterInventory.KEY;

        public Network(ClusterInventory inventory) {
            this(KEY, inventory);
        }
    }

    static ConfigChange of(String key, ConfigRecord record) {
        return record == null ? new Remove(key) : new Upsert(key, record);
    }
}
