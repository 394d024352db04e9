package io.pxeflow.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
        + "username=\"controller\" password=\"s3cret\";";

    @Test
    void environmentThenFileThenTheProcessSettingsFileEachWinning(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nkafka.sasl.mechanism=SCRAM-SHA-512\n"
            + "ssl.truststore.location=/etc/pxeflow/ca.pem\n");
        Map<String, String> env = Map.of(
            "PXEFLOW_BOOTSTRAP", "head:9093",
            "PXEFLOW_KAFKA_SECURITY_PROTOCOL", "SSL",
            "PXEFLOW_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
            "PXEFLOW_KAFKA_CONFIG", file.toString(),
            "PXEFLOW_OTHER", "x");
        KafkaConnection k = KafkaConnection.resolve(null, null,
            Map.of("kafka.sasl.jaas.config", JAAS, "kafka.bootstrap", "ignored: the process's own key", "http.port", "1"),
            Set.of("kafka.bootstrap"), env);
        assertEquals("head:9093", k.bootstrap());
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
            "ssl.truststore.location", "/etc/pxeflow/ca.pem", "ssl.truststore.type", "PEM", "sasl.jaas.config", JAAS),
            k.settings());
        assertEquals("head:9093", k.properties().getProperty("bootstrap.servers"));
        assertEquals("SASL_SSL", k.properties().getProperty("security.protocol"));
    }

    @Test
    void anExplicitFileWinsOverTheEnvironmentsFile(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "client.rack=a\n");
        Path b = Files.writeString(dir.resolve("b"), "client.rack=b\n");
        KafkaConnection k = KafkaConnection.resolve("k:9092", b, Map.of(), Set.of(), Map.of("PXEFLOW_KAFKA_CONFIG", a.toString()));
        assertEquals("b", k.settings().get("client.rack"));
    }

    @Test
    void describingAConnectionNamesTheUserButNoSecret() {
        KafkaConnection k = new KafkaConnection("h:9093", Map.of("security.protocol", "sasl_ssl",
            "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS));
        assertEquals("h:9093 (SASL_SSL, SCRAM-SHA-512 as controller)", k.describe());
        assertFalse(k.toString().contains("s3cret"));
        assertEquals("h:9093 (PLAINTEXT)", KafkaConnection.plain("h:9093").describe());
        assertEquals("h:9093 (SSL, client certificate)", new KafkaConnection("h:9093",
            Map.of("security.protocol", "SSL", "ssl.keystore.location", "/k.p12")).describe());
    }

    @Test
    void settingsPxeflowChoosesItselfAreRefusedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new KafkaConnection("h:1", Map.of("bootstrap.servers", "x:1")));
        assertTrue(e.getMessage().contains("--bootstrap"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KafkaConnection("h:1", Map.of("value.serializer", "x")));
        assertThrows(IllegalArgumentException.class, () -> new KafkaConnection("h:1", Map.of("Security Protocol", "x")));
        assertThrows(IllegalArgumentException.class, () -> KafkaConnection.readFile(Path.of("/nonexistent/k.properties")));
    }
}
