package io.pxeflow.controller.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What the view keeps of the heartbeats topic, fed record by record (its consumer never connects). */
class ClusterViewHeartbeatTest {
    private static final Topics TOPICS = new Topics("t.");
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void anOversizedRecordOnTheHeartbeatTopicDoesNotReplaceTheNodesLastHeartbeat() {
        ClusterView view = new ClusterView("localhost:1", TOPICS, "test");
        try {
            NodeSpec spec = new NodeSpec(1, "node1", List.of(MacAddress.of("02:00:00:00:00:01")),
                Ipv4Address.parse("10.0.0.1"), ClassSpec.named("compute"), null, BootSequence.PXE_LOCAL);
            view.apply(record(TOPICS.nodes(), "node1", Codec.NODE_STATE.encode(NodeState.builder(spec, BootStage.LOCAL, NOW)
                .stageSince(null).status(NodeStatus.UP).bootId("boot-1").lastHeartbeat(NOW).heartbeatSeconds(5).generation(3)
                .updated(NOW).build())));
            Heartbeat good = new Heartbeat("node1", "boot-1", 1, NOW, 5, null, null, null, null, null, null, null, null, null,
                null, null, null, null, List.of(), List.of());
            view.apply(record(TOPICS.heartbeats(), "node1", Codec.HEARTBEAT.encode(good)));
            assertEquals("boot-1", view.heartbeat("node1").heartbeat().bootId());

            byte[] huge = new byte[ClusterView.MAX_HEARTBEAT_BYTES + 1];
            Arrays.fill(huge, (byte) ' ');
            huge[0] = '{';
            huge[huge.length - 1] = '}';
            view.apply(record(TOPICS.heartbeats(), "node1", huge));
            assertNotNull(view.heartbeat("node1"), "the last good heartbeat is still there");
            assertEquals("boot-1", view.heartbeat("node1").heartbeat().bootId());

            // The install report shares the topic: it is the node's, but it is no heartbeat.
            view.apply(record(TOPICS.heartbeats(), "node1", Codec.INSTALL_REPORT.encode(
                io.pxeflow.protocol.message.InstallReport.of("node1", "boot-installer", NOW, null))));
            assertEquals("boot-1", view.heartbeat("node1").heartbeat().bootId());
        } finally {
            view.close();
        }
    }

    private static ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value) {
        return new ConsumerRecord<>(topic, 0, 0, key, value);
    }
}
