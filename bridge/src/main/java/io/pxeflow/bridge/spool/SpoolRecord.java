package io.pxeflow.bridge.spool;

import java.util.Arrays;
import java.util.Objects;

/** One Kafka record waiting to be produced: topic, key and the encoded event. */
public record SpoolRecord(String topic, String key, byte[] value) {

    public SpoolRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpoolRecord r && topic.equals(r.topic) && key.equals(r.key) && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, key, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "SpoolRecord[" + topic + ", " + key + ", " + value.length + " bytes]";
    }
}
