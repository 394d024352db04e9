package io.pxeflow.reporter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.testkit.KafkaTestClients;
import io.pxeflow.testkit.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** The lean producer against a real broker, read back by the standard Java consumer. */
class LeanProducerIT {
    static LeanSettings settings(String bootstrap, String topic, short acks, int deliveryTimeoutMs) {
        return new LeanSettings("it", List.of(bootstrap.split(",")), topic, "pxeflow-reporter-it", "0.1.0-it", acks, 5000,
            deliveryTimeoutMs, 3000, 100, 1000, 300_000L);
    }

    @Test
    void keyedRecordsLandOnTheJavaClientsPartitionWithTheirValuesForAcksOneAndAll() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String topic = TestKafka.uniquePrefix() + "heartbeats";
        int partitions = 6;
        KafkaTestClients.createTopics(bootstrap, partitions, List.of(topic));
        Map<String, String> sent = new HashMap<>();
        List<CompletableFuture<Exception>> outcomes = new ArrayList<>();
        for (short acks : new short[] {1, -1}) {
            LeanProducer producer = LeanProducer.start(settings(bootstrap, topic, acks, 15_000));
            try {
                for (int n = 0; n < 40; n++) {
                    String key = "node" + n + "-acks" + acks;
                    String value = "{\"v\":1,\"node\":\"" + key + "\",\"é\":\"✓\"}";
                    sent.put(key, value);
                    CompletableFuture<Exception> done = new CompletableFuture<>();
                    producer.send(key, value.getBytes(StandardCharsets.UTF_8), done::complete);
                    outcomes.add(done);
                }
                for (CompletableFuture<Exception> f : outcomes) {
                    assertEquals(null, f.get(30, TimeUnit.SECONDS), "acknowledged");
                }
            } finally {
                producer.close(Duration.ofSeconds(2));
            }
        }

        List<ConsumerRecord<String, byte[]>> got = KafkaTestClients.readUntil(bootstrap, topic, Duration.ofSeconds(30),
            r -> r.size() >= sent.size());
        assertEquals(sent.size(), got.size());
        long distinctPartitions = got.stream().mapToInt(ConsumerRecord::partition).distinct().count();
        assertTrue(distinctPartitions > 1, "80 keys spread over the partitions");
        for (ConsumerRecord<String, byte[]> r : got) {
            assertEquals(sent.get(r.key()), new String(r.value(), StandardCharsets.UTF_8), r.key());
            int expected = BuiltInPartitioner.partitionForKey(r.key().getBytes(StandardCharsets.UTF_8), partitions);
            assertEquals(expected, r.partition(), r.key() + " on the Java client's partition");
            assertTrue(Math.abs(System.currentTimeMillis() - r.timestamp()) < 120_000, "create time is now");
        }
    }

    @Test
    void aFatalErrorFailsTheRecordAtOnceInsteadOfRetryingUntilTheTimeout() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        LeanProducer producer = LeanProducer.start(settings(bootstrap, "not a valid topic!", (short) 1, 20_000));
        try {
            CompletableFuture<Exception> done = new CompletableFuture<>();
            long t0 = System.nanoTime();
            producer.send("n1", new byte[] {1}, done::complete);
            Exception e = done.get(15, TimeUnit.SECONDS);
            assertInstanceOf(DeliveryFailedException.class, e);
            assertTrue(e.getMessage().contains("INVALID_TOPIC_EXCEPTION"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "abandoned without waiting for the 20 s timeout");
        } finally {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
