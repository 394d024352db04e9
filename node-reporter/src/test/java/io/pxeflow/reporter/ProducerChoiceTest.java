package io.pxeflow.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.reporter.ReporterConfig.ConfigException;
import io.pxeflow.reporter.kafka.LeanSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerChoiceTest {
    static ReporterConfig config(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of("bootstrap", "head:9092,head2:9093"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return ReporterConfig.fromMap(m);
    }

    @Test
    void plainSettingsUseTheLeanProducerWithTheHeartbeatTopicAndTheJavaClientsTimeouts() {
        ReporterConfig c = config();
        assertTrue(ProducerChoice.decide(c).lean());
        LeanSettings s = ProducerChoice.leanSettings(c, "n7");
        assertEquals(List.of("head:9092", "head2:9093"), s.bootstrap());
        assertEquals("pxeflow.heartbeats", s.topic());
        assertEquals("pxeflow-reporter-heartbeat-n7", s.clientId());
        assertEquals(1, s.acks());
        assertEquals(KafkaSettings.REQUEST_TIMEOUT_MS, s.requestTimeoutMs());
        assertEquals(KafkaSettings.DELIVERY_TIMEOUT_MS, s.deliveryTimeoutMs());
    }

    @Test
    void settingsTheLeanProducerHonoursKeepIt() {
        ReporterConfig c = config("kafka.security.protocol", "PLAINTEXT", "kafka.acks", "all", "kafka.client.id", "x",
            "kafka.delivery.timeout.ms", "30000", "kafka.compression.type", "none");
        assertTrue(ProducerChoice.decide(c).lean());
        LeanSettings s = ProducerChoice.leanSettings(c, "n7");
        assertEquals(-1, s.acks());
        assertEquals("x", s.clientId());
        assertEquals(30000, s.deliveryTimeoutMs());
    }

    @Test
    void tlsOrSaslSelectTheJavaClientAndTheReasonNamesKeysNotSecrets() {
        ReporterConfig c = config("kafka.security.protocol", "SASL_SSL", "kafka.sasl.jaas.config", "secret-password");
        ProducerChoice.Decision d = ProducerChoice.decide(c);
        assertFalse(d.lean());
        assertTrue(d.reason().contains("sasl.jaas.config") && d.reason().contains("security.protocol=SASL_SSL"), d.reason());
        assertFalse(d.reason().contains("secret-password"), d.reason());
        assertFalse(ProducerChoice.decide(config("kafka.compression.type", "lz4")).lean());
        assertFalse(ProducerChoice.decide(config("kafka.acks", "0")).lean());
    }

    @Test
    void forcingAClientIsHonouredAndForcingLeanWithTlsIsAConfigError() {
        assertFalse(ProducerChoice.decide(config("producer", "java")).lean());
        assertTrue(ProducerChoice.decide(config("producer", "LEAN")).lean());
        ConfigException e = assertThrows(ConfigException.class,
            () -> ProducerChoice.decide(config("producer", "lean", "kafka.security.protocol", "SSL")));
        assertTrue(e.getMessage().contains("security.protocol=SSL"), e.getMessage());
        assertThrows(ConfigException.class, () -> config("producer", "fast"));
    }
}
