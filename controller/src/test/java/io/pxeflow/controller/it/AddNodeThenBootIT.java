package io.pxeflow.controller.it;

import static io.pxeflow.controller.it.Controllers.awaitNode;
import static io.pxeflow.controller.it.TestCluster.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.controller.ControllerApp;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.DiscoveredMac;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.testkit.TestKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node added a moment before it boots: the put-node command and the node's iPXE answer are sent
 * back to back, with nothing in between to let the MAC index catch up. The event must reach the
 * node (it flips to local), never be filed as an unknown client. Without the hold most of these
 * events were discovered instead, and their nodes never left pxe.
 */
class AddNodeThenBootIT {
    private static final int BURSTS = 3;
    private static final int NODES_PER_BURST = 20;

    @Test
    void pxeEventRightAfterPutNode_reachesTheNode_andIsNeverDiscovered(@TempDir Path dir) throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Topics topics = new Topics(prefix);
        Map<String, String> config = TestCluster.controllerConfig(bootstrap, prefix, "race-1", dir, 3);
        // Longer than any lag of a loaded test machine: this test is about the hold, not about a race
        // against the grace (AddressHoldTest covers its expiry; HttpApiIT an unknown MAC discovered).
        config.put("discovery.grace-ms", "120000");
        try (ClusterInputs in = new ClusterInputs(bootstrap, topics);
             ControllerApp controller = Controllers.startReady(config);
             TopicTail<DiscoveredMac> discovered = new TopicTail<>(bootstrap, topics.discovered(), Codec.DISCOVERED);
             TopicTail<LifecycleEvent> events = new TopicTail<>(bootstrap, topics.events(), Codec.EVENT)) {
            int nodes = 0;
            for (int burst = 0; burst < BURSTS; burst++) {
                for (int k = 0; k < NODES_PER_BURST; k++) {
                    nodes++;
                    in.putNode(nodes);
                    in.flush();
                    in.ipxeNetbootAnswered(nodes);
                }
                in.flush();
            }
            for (int i = 1; i <= nodes; i++) {
                awaitNode(controller, name(i), s -> s.stage() == BootStage.LOCAL && s.status() == NodeStatus.NETBOOTING
                    && s.generation() == 2, "served its PXE answer");
            }

            assertEquals(List.of(), macs(discovered), "no event of an added node is filed as an unknown client");
            assertEquals(0, events.values().stream().filter(e -> e.kind() == LifecycleKind.DISCOVERED).count(),
                "no discovered event");
        }
    }

    private static List<String> macs(TopicTail<DiscoveredMac> discovered) {
        return discovered.values().stream().map(d -> d.mac().value()).distinct().toList();
    }
}
