package io.pxeflow.simulator;

import io.pxeflow.protocol.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a compacted topic from its start to its current end: the latest value of every key. */
public final class TopicSnapshot {
    private TopicSnapshot() {
    }

    public static Map<String, byte[]> read(String bootstrap, String topic, Duration timeout) {
        return read(KafkaConnection.plain(bootstrap), topic, timeout);
    }

    public static Map<String, byte[]> read(KafkaConnection bootstrap, String topic, Duration timeout) {
        Map<String, byte[]> out = new HashMap<>();
        scan(bootstrap, topic, timeout, r -> {
            if (r.value() == null) {
                out.remove(r.key());
            } else {
                out.put(r.key(), r.value());
            }
        });
        return out;
    }

    /** Every committed record of {@code keys}, in offset order, from the topic's start to its current end. */
    public static Map<String, List<byte[]>> history(KafkaConnection bootstrap, String topic, Set<String> keys,
                                                    Duration timeout) {
        Map<String, List<byte[]>> out = new TreeMap<>();
        scan(bootstrap, topic, timeout, r -> {
            if (r.key() != null && keys.contains(r.key()) && r.value() != null) {
                out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
            }
        });
        return out;
    }

    private static void scan(KafkaConnection bootstrap, String topic, Duration timeout,
                             Consumer<ConsumerRecord<String, byte[]>> each) {
        Properties p = bootstrap.properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "simulator-snapshot");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, timeout).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(c, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    each.accept(r);
                }
            }
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
