package io.pxeflow.controller.it;

import static io.pxeflow.controller.it.Controllers.awaitNode;
import static io.pxeflow.controller.it.TestCluster.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.testkit.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's inputs reach the controller on different topics (pxe, commands, dhcp, heartbeats), all
 * keyed by the node and co-partitioned. Sent a few milliseconds apart, they must be applied in the
 * order they were sent: the reprovision after the PXE answer served just before it (or the
 * answer's stage flip is lost: generation 1 or 2 where 3 is right), the heartbeat after the DHCP
 * discover sent just before it (or the node ends in "dhcp" instead of "up"). With the old layout
 * (DHCP/PXE re-keyed through a hop topic) these races were lost without a sequencer; now the
 * partition's log order, merged by timestamp, is the order.
 */
class CrossTopicOrderIT {
    private static final int NODES = 24;

    @Test
    void inputsSentMillisecondsApartOnDifferentTopics_areAppliedInTheOrderTheyWereSent(@TempDir Path dir) throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Topics topics = new Topics(prefix);
        Map<String, String> config = TestCluster.controllerConfig(bootstrap, prefix, "order-1", dir, 3);
        PrometheusMeterRegistry registry = ControllerApp.newRegistry();
        try (ClusterInputs in = new ClusterInputs(bootstrap, topics);
             ControllerApp controller = Controllers.startReady(config, registry)) {
            for (int i = 1; i <= 2 * NODES; i++) {
                in.putNode(i);
            }
            in.flush();
            for (int i = 1; i <= 2 * NODES; i++) {
                awaitNode(controller, name(i), s -> s.status() == NodeStatus.REGISTERED, "registered");
            }

            Map<String, String> requestIds = new TreeMap<>();
            for (int i = 1; i <= NODES; i++) {
                long sentAt = in.configServed(i).time().toEpochMilli();
                in.flush();
                clockPast(sentAt); // the sending order, in the record timestamps
                requestIds.put(name(i), in.reprovision(i, false).meta().requestId());
                in.flush();
            }
            for (int i = NODES + 1; i <= 2 * NODES; i++) {
                long sentAt = System.currentTimeMillis();
                in.dhcp(i, DhcpMessageType.DISCOVER);
                in.flush();
                clockPast(sentAt);
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
            // Every DHCP/PXE event has been read: each was applied, in whichever order the controller chose.
            Await.until(Duration.ofSeconds(30),
                () -> processed(registry, topics.pxe()) >= NODES && processed(registry, topics.dhcp()) >= NODES,
                () -> processed(registry, topics.pxe()) + " PXE and " + processed(registry, topics.dhcp())
                    + " DHCP events of " + NODES + " each read");

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

    /** Returns once the wall clock is a few milliseconds past {@code millis}, so the next record's timestamp is later. */
    private static void clockPast(long millis) {
        while (System.currentTimeMillis() < millis + 3) {
            Thread.onSpinWait();
        }
    }

    private static double processed(PrometheusMeterRegistry registry, String topic) {
        Counter c = registry.find("pxeflow_events_processed").tag("topic", topic).counter();
        return c == null ? 0 : c.count();
    }
}
