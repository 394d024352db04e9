package io.pxeflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.kafka.embedded.EmbeddedKafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three in-process Kafka nodes form one cluster that replicates three ways with a minimum of two
 * in sync: a write acknowledged by all in-sync replicas still succeeds with a node stopped hard, and
 * the stopped node comes back and catches up.
 */
class KafkaClusterIT {
    @Test
    void threeNodes_replicateThreeWays_andLoseOneWithoutLosingWrites(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.of(dir, 3, 3).start()) {
            Properties a = new Properties();
            a.put("bootstrap.servers", cluster.bootstrapServers());
            try (Admin admin = Admin.create(a)) {
                assertEquals(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
                admin.createTopics(List.of(new NewTopic("t", 3, (short) 3))).all().get(30, TimeUnit.SECONDS);
                TopicDescription t = admin.describeTopics(List.of("t")).allTopicNames().get(30, TimeUnit.SECONDS).get("t");
                t.partitions().forEach(p -> assertEquals(3, p.replicas().size()));
                String minIsr = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "t"))).all().get(30, TimeUnit.SECONDS)
                    .values().iterator().next().get("min.insync.replicas").value();
                assertEquals("2", minIsr);

                Properties p = new Properties();
                p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
                p.put(ProducerConfig.ACKS_CONFIG, "all");
                p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                        new ByteArraySerializer())) {
                    for (int i = 0; i < 30; i++) {
                        producer.send(new ProducerRecord<>("t", "k" + i, new byte[] {1})).get(60, TimeUnit.SECONDS);
                    }
                    cluster.stop(2);
                    for (int i = 30; i < 60; i++) {
                        producer.send(new ProducerRecord<>("t", "k" + i, new byte[] {1})).get(60, TimeUnit.SECONDS);
                    }
                    cluster.restart(2);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                Map<String, TopicDescription> d;
                do {
                    Thread.sleep(200);
                    d = admin.describeTopics(List.of("t")).allTopicNames().get(30, TimeUnit.SECONDS);
                } while (d.get("t").partitions().stream().anyMatch(x -> x.isr().size() < 3) && System.nanoTime() < deadline);
                d.get("t").partitions().forEach(x -> assertEquals(3, x.isr().size(), "node 2 caught up: " + x));
            }
        }
    }
}
