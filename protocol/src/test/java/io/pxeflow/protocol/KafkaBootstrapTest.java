package io.pxeflow.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaBootstrapTest {
    @Test
    void theCommandLineWinsThenTheEnvironmentThenThisHost() {
        Map<String, String> env = Map.of(KafkaBootstrap.ENV, " head1:9092,head2:9092 ");
        assertEquals("kafka:9092", KafkaBootstrap.resolve(" kafka:9092", env));
        assertEquals("head1:9092,head2:9092", KafkaBootstrap.resolve(null, env));
        assertEquals("head1:9092,head2:9092", KafkaBootstrap.resolve("  ", env));
        assertEquals("localhost:9092", KafkaBootstrap.resolve(null, Map.of()));
        assertEquals("localhost:9092", KafkaBootstrap.resolve(null, Map.of(KafkaBootstrap.ENV, "")));
    }
}
