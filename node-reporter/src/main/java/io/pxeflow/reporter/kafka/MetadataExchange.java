package io.pxeflow.reporter.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata v11–v13 for one topic by name: where every broker listens and which broker leads each
 * partition. v11 and v12 are the same on the wire; v13 adds a top-level error code. Kafka 3.x
 * and 4.x brokers accept all three.
 */
final class MetadataExchange {
    static final short KEY = 3;
    static final int MIN_VERSION = 11;
    static final int MAX_VERSION = 13;

    record Broker(int id, String host, int port) {
        String address() {
            return host + ":" + port;
        }
    }

    /** One partition: its index, error code and leader broker id (-1 while none). */
    record Partition(int index, int error, int leader) {
    }

    /** The answer for the topic; {@code topicError} 0 means the partitions are known. */
    record Topic(Map<Integer, Broker> brokers, int topicError, List<Partition> partitions) {
    }

    private MetadataExchange() {
    }

    static byte[] request(String topic) {
        WireWriter w = new WireWriter(64);
        w.compactArrayLength(1);
        w.int64(0L).int64(0L);
        w.compactString(topic);
        w.noTaggedFields();
        // The Java producer lets the broker auto-create a missing topic (if the broker allows it).
        w.int8(1);
        w.int8(0);
        return w.noTaggedFields().toByteArray();
    }

    static Topic response(WireReader r, int version, String topic) {
        r.int32();
        int nBrokers = r.compactArrayLength();
        Map<Integer, Broker> brokers = new HashMap<>();
        for (int i = 0; i < nBrokers; i++) {
            int id = r.int32();
            String host = r.compactString();
            int port = r.int32();
            r.compactString();
            r.skipTaggedFields();
            brokers.put(id, new Broker(id, host, port));
        }
        r.compactString();
        r.int32();
        int nTopics = r.compactArrayLength();
        Topic found = null;
        for (int t = 0; t < nTopics; t++) {
            int topicError = r.int16();
            String name = r.compactString();
            r.skip(16);
            r.bool();
            int nPartitions = r.compactArrayLength();
            List<Partition> partitions = new ArrayList<>(Math.max(0, nPartitions));
            for (int p = 0; p < nPartitions; p++) {
                int error = r.int16();
                int index = r.int32();
                int leader = r.int32();
                r.int32();
                r.skipCompactInt32Array();
                r.skipCompactInt32Array();
                r.skipCompactInt32Array();
                r.skipTaggedFields();
                partitions.add(new Partition(index, error, leader));
            }
            r.int32();
            r.skipTaggedFields();
            if (topic.equals(name)) {
                partitions.sort((a, b) -> Integer.compare(a.index(), b.index()));
                found = new Topic(brokers, topicError, List.copyOf(partitions));
            }
        }
        if (version >= 13) {
            int error = r.int16();
            if (error != 0) {
                return new Topic(brokers, error, List.of());
            }
        }
        r.skipTaggedFields();
        if (found == null) {
            return new Topic(brokers, ErrorCodes.UNKNOWN_TOPIC_OR_PARTITION, List.of());
        }
        return found;
    }
}
