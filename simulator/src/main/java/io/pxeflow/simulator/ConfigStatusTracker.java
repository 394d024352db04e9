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
 * It also reads the config topic (read-committed, as generators do), to split that time where
 * the controller hands over: when the new generation became readable.
 */
final class ConfigStatusTracker implements AutoCloseable {
    private record Pending(long generation, long servedAtMillis) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Map<String, Long> applied = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private final List<Long> latencies = new ArrayList<>();
    /** When each node's newest generation became readable on the config topic (this JVM's clock). */
    private final Map<String, long[]> readable = new HashMap<>();
    private final List<Long> controllerPart = new ArrayList<>();
    private final List<Long> generatorPart = new ArrayList<>();
    private final String configTopic;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    ConfigStatusTracker(io.pxeflow.protocol.KafkaConnection kafka, String topic, String configTopic) {
        Properties p = kafka.properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "simulator-config-status");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.configTopic = configTopic;
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : List.of(topic, configTopic)) {
            consumer.partitionsFor(t, Duration.ofSeconds(30)).forEach(i -> parts.add(new TopicPartition(t, i.partition())));
        }
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
                    if (r.topic().equals(configTopic)) {
                        readable(r);
                        continue;
                    }
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

    private synchronized void readable(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null || r.key() == null || r.key().startsWith("host/")) {
            return;
        }
        if (Codec.CONFIG.decode(r.value()) instanceof Decoded.Ok<io.pxeflow.protocol.message.ConfigRecord> ok
            && ok.value() instanceof io.pxeflow.protocol.message.NodeBootConfig c) {
            readable.put(r.key(), new long[] {c.generation(), System.currentTimeMillis()});
        }
    }

    private synchronized void record(ConfigApplied a) {
        applied.merge(a.node(), a.generation(), Math::max);
        Pending p = pending.get(a.node());
        if (p != null && a.generation() >= p.generation()) {
            pending.remove(a.node());
            long appliedAt = a.time().toEpochMilli();
            latencies.add(Math.max(0, appliedAt - p.servedAtMillis()));
            long[] seen = readable.get(a.node());
            if (seen != null && seen[0] == a.generation()) {
                controllerPart.add(Math.max(0, seen[1] - p.servedAtMillis()));
                generatorPart.add(Math.max(0, appliedAt - seen[1]));
            }
        }
    }

    /** The latency split at the config topic, as one report line; null without samples. */
    synchronized String split() {
        if (controllerPart.isEmpty()) {
            return null;
        }
        return "  split at the config topic (n=" + controllerPart.size() + "): PXE answer served -> generation readable "
            + percentiles(controllerPart) + "; readable -> applied by the generator " + percentiles(generatorPart);
    }

    private static String percentiles(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        StringBuilder b = new StringBuilder();
        for (int p : new int[] {50, 90, 99}) {
            int i = Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
            b.append(b.length() == 0 ? "" : " ").append('p').append(p).append('=').append(sorted.get(i)).append(" ms");
        }
        return b.toString();
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
