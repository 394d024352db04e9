package io.pxeflow.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.reporter.ReporterConfig.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ReporterConfigTest {

    @Test
    void defaults() {
        ReporterConfig c = ReporterConfig.defaults();
        assertNull(c.bootstrap());
        assertNull(c.node());
        assertEquals(5, c.intervalSeconds());
        assertEquals("pxeflow.heartbeats", c.topics().heartbeats());
        assertEquals(3, c.bufferSamples());
        assertEquals(Path.of("/"), c.root());
        assertEquals(30, c.ackTimeoutSeconds());
        assertEquals(Map.of(), c.kafka());
    }

    @Test
    void fromPropertiesWithKafkaSecurityPassthrough() {
        Properties p = new Properties();
        p.setProperty("bootstrap", "head1:9093, head2:9093");
        p.setProperty("interval", "10");
        p.setProperty("node", "n042");
        p.setProperty("topic.prefix", "lab.");
        p.setProperty("kafka.security.protocol", "SASL_SSL");
        p.setProperty("kafka.sasl.mechanism", "SCRAM-SHA-512");
        ReporterConfig c = ReporterConfig.fromProperties(p);
        assertEquals("head1:9093, head2:9093", c.bootstrap());
        assertEquals(10, c.intervalSeconds());
        assertEquals("n042", c.node());
        assertEquals("lab.commands", c.topics().commands());
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"), c.kafka());
        assertEquals("SASL_SSL", KafkaSettings.heartbeats(c, "n042").get("security.protocol"), "admin's keys win");
    }

    @Test
    void heartbeatProducerIsSmallAndQuickToGiveUp() {
        Properties p = KafkaSettings.heartbeats(ReporterConfig.fromMap(Map.of("bootstrap", "head:9092")), "n1");
        assertEquals("262144", p.get("buffer.memory"));
        assertEquals("250", p.get("max.block.ms"));
        assertEquals("1", p.get("acks"));
        assertEquals("2000", p.get("reconnect.backoff.max.ms"));
        assertEquals("pxeflow-reporter-heartbeat-n1", p.get("client.id"));
    }

    @Test
    void badSettingsNameTheKey() {
        assertMessage("interval", Map.of("interval", "0"));
        assertMessage("interval", Map.of("interval", "five"));
        assertMessage("bootstrap", Map.of("bootstrap", "head"));
        assertMessage("bootstrap", Map.of("bootstrap", "head:99999"));
        assertMessage("node", Map.of("node", "bad_name!"));
        assertMessage("topic.prefix", Map.of("topic.prefix", "a b"));
        assertMessage("buffer.samples", Map.of("buffer.samples", "0"));
        assertMessage("intervall", Map.of("intervall", "5"));
        assertMessage("kafka.bootstrap.servers", Map.of("kafka.bootstrap.servers", "x:1"));
    }

    @Test
    void bootstrapIsOnlyRequiredWhenKafkaIsUsed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ReporterConfig.defaults().requireBootstrap());
        assertTrue(e.getMessage().contains("--bootstrap"), e.getMessage());
    }

    private static void assertMessage(String key, Map<String, String> settings) {
        ConfigException e = assertThrows(ConfigException.class, () -> ReporterConfig.fromMap(settings));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
