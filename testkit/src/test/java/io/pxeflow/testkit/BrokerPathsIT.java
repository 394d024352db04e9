package io.pxeflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Produces and consumes through every way a test can get a broker. */
class BrokerPathsIT {

    @Test
    void sharedFixtureProducesAndConsumes() {
        roundTrip(TestKafka.bootstrapServers(), TestKafka.uniquePrefix() + "roundtrip");
    }

    @Test
    void embeddedBrokerKeepsItsDataAcrossARestart(@TempDir Path dir) {
        String topic = "restart-check";
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir).build()) {
            broker.start();
            roundTrip(broker.bootstrapServers(), topic);
            int port = broker.port();
            broker.stop();
            broker.start();
            assertEquals(port, broker.port(), "a restarted broker listens where clients expect it");
            List<ConsumerRecord<String, byte[]>> again = KafkaTestClients.readUntil(broker.bootstrapServers(), topic,
                Duration.ofSeconds(30), r -> !r.isEmpty());
            assertEquals("hello", new String(again.get(0).value(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void testcontainersBrokerWhenDockerAnswers() {
        assumeTrue(DockerKafka.dockerAvailable(), "no Docker engine on this machine: Testcontainers path skipped");
        try (DockerKafka docker = DockerKafka.start()) {
            roundTrip(docker.bootstrapServers(), "docker-roundtrip");
        }
    }

    @Test
    void externalClusterWhenConfigured() {
        String external = System.getenv("PXEFLOW_TEST_BOOTSTRAP");
        assumeTrue(external != null && !external.isBlank(), "PXEFLOW_TEST_BOOTSTRAP not set: external path skipped");
        assertEquals(TestKafka.Kind.EXTERNAL, TestKafka.kind());
        roundTrip(external, TestKafka.uniquePrefix() + "external");
    }

    private static void roundTrip(String bootstrap, String topic) {
        KafkaTestClients.createTopics(bootstrap, 3, List.of(topic));
        KafkaTestClients.send(bootstrap, topic, "k", "hello".getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> got = KafkaTestClients.readUntil(bootstrap, topic, Duration.ofSeconds(30),
            r -> !r.isEmpty());
        assertTrue(!got.isEmpty(), "record came back from " + bootstrap);
        assertEquals("k", got.get(0).key());
        assertEquals("hello", new String(got.get(0).value(), StandardCharsets.UTF_8));
    }
}
