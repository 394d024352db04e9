package io.pxeflow.generator.worker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.ConfigApplied;
import io.pxeflow.protocol.message.ConfigOutcome;
import io.pxeflow.testkit.KafkaTestClients;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Waits for a worker's config-status report: the proof that a generation's files are on disk. */
final class StatusReports {
    private StatusReports() {
    }

    static void awaitApplied(String bootstrap, Topics topics, String node, long generation) {
        List<ConsumerRecord<String, byte[]>> seen = KafkaTestClients.readUntil(bootstrap, topics.configStatus(),
            Duration.ofSeconds(30), rs -> rs.stream().anyMatch(r -> applied(r, node, generation)));
        assertTrue(seen.stream().anyMatch(r -> applied(r, node, generation)),
            node + " generation " + generation + " was not acknowledged; saw " + seen.size() + " reports");
    }

    private static boolean applied(ConsumerRecord<String, byte[]> r, String node, long generation) {
        Decoded<ConfigApplied> d = Codec.CONFIG_APPLIED.decode(r.value());
        return d instanceof Decoded.Ok<ConfigApplied> ok && node.equals(r.key()) && ok.value().node().equals(node)
            && ok.value().generation() == generation && ok.value().outcome() == ConfigOutcome.APPLIED;
    }
}
