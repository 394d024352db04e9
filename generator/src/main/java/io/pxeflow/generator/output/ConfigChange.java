package io.pxeflow.generator.output;

import io.pxeflow.protocol.message.ConfigRecord;

/** One record from the config topic, as the output tree sees it. */
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

    static ConfigChange of(String key, ConfigRecord record) {
        return record == null ? new Remove(key) : new Upsert(key, record);
    }
}
