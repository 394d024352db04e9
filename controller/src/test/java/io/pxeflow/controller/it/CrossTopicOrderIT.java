package io.pxeflow.controller.it;

import static io.pxeflow.controller.it.Controllers.awaitNode;
import static io.pxeflow.controller.it.TestCluster.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.controller.ControllerApp;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.testkit.TestKafka;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's inputs reach the controller on different topics: commands and heartbeats directly,
 * DHCP and PXE events one hop later (re-keyed from MAC to node). Sent a few milliseconds apart,
 * they must still be applied in the order they were sent. Without the sequencer the hop loses
 * these races: the reprovision is applied before the PXE answer served just before it, and the
 * answer's stage flip is lost (generation 1 or 2 where 3 is right); the heartbeat is applied
 * before the DHCP discover sent just before it, and the node ends in "dhcp" instead of "up".
 */
class CrossTopicOrderIT {
    private static final int NODES = 24;

    @Test
    void inputsSentMillisecondsApartOnDifferentTopics_areAppliedInTheOrderTheyWereSent(@TempDir Path dir) throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Topics topics = new Topics(prefix);
        Map<String, String> config = TestCluster.controllerConfig(bootstrap, prefix, "order-1", dir, 3);
        try (ClusterInputs in = new ClusterInputs(bootstrap, topics);
             ControllerApp controller = Controllers.startReady(config)) {
            for (int i = 1; i <= 2 * NODES; i++) {
                in.putNode(i);
            }
            in.flush();
            for (int i = 1; i <= 2 * NODES; i++) {
                awaitNode(controller, name(i), s -> s.status() == NodeStatus.REGISTERED, "registered");
            }

            Map<String, String> requestIds = new TreeMap<>();
            for (int i = 1; i <= NODES; i++) {
                in.configServed(i);
                in.flush();
                Thread.sleep(5); // the sending order, in the record timestamps
                requestIds.put(name(i), in.reprovision(i, false).meta().requestId());
                in.flush();
            }
            for (int i = NODES + 1; i <= 2 * NODES; i++) {
                in.dhcp(i, DhcpMessageType.DISCOVER);
                in.flush();
                Thread.sleep(5);
                in.heartbeat(i, "boot-" + i);
                in.flush();
            }

            // Both orders end with the later input applied; only the state after it tells them apart.
            for (int i = 1; i <= NODES; i++) {
                String rid = requestIds.get(name(i));
                awaitNode(controller, name(i), n -> rid.equals(n.lastRequestId()), "reprovision applied");
            }
            for (int i = NODES + 1; i <= 2 * NODES; i++) {
                String boot = "boot-" + i;
                awaitNode(controller, name(i), n -> boot.equals(n.bootId()), "heartbeat applied");
            }
            Thread.sleep(2_000); // an event the hop delayed past the later input would land by now

            Map<String, String> wrong = new TreeMap<>();
            for (int i = 1; i <= NODES; i++) {
                // Served its PXE answer (pxe -> local, generation 2), then reprovisioned (local -> pxe, 3).
                NodeState s = Controllers.nodes(controller).get(name(i));
                if (s.stage() != BootStage.PXE || s.generation() != 3) {
                    wrong.put(name(i), Controllers.describe(s));
                }
            }
            for (int i = NODES + 1; i <= 2 * NODES; i++) {
                NodeState s = Controllers.nodes(controller).get(name(i));
                if (s.status() != NodeStatus.UP) {
                    wrong.put(name(i), Controllers.describe(s));
                }
            }
            assertEquals(Map.of(), wrong, "nodes whose inputs were applied out of order");
        }
    }
}
