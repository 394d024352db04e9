package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What generators render, one full record per key on the compacted {@code config} topic:
 * a node's boot config (key: node name) or a non-cluster device's reservation
 * (key: {@code host/MAC}). A tombstone removes the key's files.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NodeBootConfig.class, name = "node"),
    @JsonSubTypes.Type(value = HostReservation.class, name = "host"),
})
public sealed interface ConfigRecord extends Versioned permits NodeBootConfig, HostReservation {
    /** The record's key on the config topic. */
    String key();

    static String hostKey(io.pxeflow.protocol.field.MacAddress mac) {
        return "host/" + mac.value();
    }
}
