package io.pxeflow.simulator.hostile;

/** One hostile record: where it goes, its key (may be null) and value (null is a tombstone), and what kind it is. */
public record HostileMessage(InputTopic topic, HostileKind kind, String key, byte[] value, String variant) {
    public int size() {
        return value == null ? 0 : value.length;
    }
}
