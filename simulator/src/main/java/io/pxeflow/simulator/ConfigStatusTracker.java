package io.pxeflow.simulator;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.ConfigApplied;
import io.pxeflow.protocol.message.ConfigOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows config-status from the moment it starts: which generation of each node a generator
 * applied, and how long after its PXE answer was served a node's new boot config was applied.
 */
final class ConfigStatusTracker implements AutoCloseable {
    private record Pending(long generation, long servedAtMillis) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Map<String, Long> applied = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private final List<Long> latencies = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    ConfigStatusTracker(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "simulator-config-status");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
        this.thread = new Thread(this::loop, "simulator-config-status");
        thread.setDaemon(true);
        thread.start();
    }

    /** The node's generation {@code generation} was caused by a PXE answer served at {@code servedAtMillis}. */
    synchronized void expect(String node, long generation, long servedAtMillis) {
        Long done = applied.get(node);
        if (done == null || done < generation) {
            pending.put(node, new Pending(generation, servedAtMillis));
        }
    }

    /** How many of {@code nodes} have had at least {@code generation} applied. */
    synchronized int appliedAtLeast(List<String> nodes, long generation) {
        int n = 0;
        for (String node : nodes) {
            if (applied.getOrDefault(node, 0L) >= generation) {
                n++;
            }
        }
        return n;
    }

    synchronized List<Long> latencies() {
        return List.copyOf(latencies);
    }

    synchronized int stillPending() {
        return pending.size();
    }

    private void loop() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Decoded<ConfigApplied> d = Codec.CONFIG_APPLIED.decode(r.value());
                    if (d instanceof Decoded.Ok<ConfigApplied> ok && ok.value().outcome() == ConfigOutcome.APPLIED) {
                        record(ok.value());
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private synchronized void record(ConfigApplied a) {
        applied.merge(a.node(), a.generation(), Math::max);
        Pending p = pending.get(a.node());
        if (p != null && a.generation() >= p.generation()) {
            pending.remove(a.node());
            latencies.add(Math.max(0, a.time().toEpochMilli() - p.servedAtMillis()));
        }
    }

    String topic() {
        return topic;
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
