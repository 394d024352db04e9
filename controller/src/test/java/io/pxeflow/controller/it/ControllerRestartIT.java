package io.pxeflow.controller.it;

import static io.pxeflow.controller.it.Controllers.awaitNode;
import static io.pxeflow.controller.it.TestCluster.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller that is stopped and started again, on the same state directory and on an empty
 * one, carries on exactly where it was: node state lives in Kafka, not on the local disk.
 */
class ControllerRestartIT {
    private static final int NODES = 6;

    @Test
    void restartedController_resumesEveryNodeFromKafka_evenWithAnEmptyStateDir(@TempDir Path dir) throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Map<String, String> config = TestCluster.controllerConfig(bootstrap, prefix, "restart-1", dir.resolve("a"), 3);
        Map<String, NodeState> before;
        try (ClusterInputs in = new ClusterInputs(bootstrap, new Topics(prefix))) {
            try (ControllerApp first = Controllers.startReady(config)) {
                for (int i = 1; i <= NODES; i++) {
                    in.putNode(i);
                }
                in.flush();
                for (int i = 1; i <= NODES; i++) {
                    awaitNode(first, name(i), s -> true, "added");
                }
                for (int i = 1; i <= 4; i++) {
                    in.configServed(i);
                }
                in.dhcp(5, DhcpMessageType.DISCOVER);
                in.flush();
                for (int i = 1; i <= 4; i++) {
                    awaitNode(first, name(i), s -> s.stage() == BootStage.LOCAL, "flipped to local");
                }
                in.heartbeat(2, "boot-1");
                in.reprovision(3, true);
                in.configServed(4);
                in.flush();
                awaitNode(first, name(2), s -> s.status() == NodeStatus.UP, "up");
                awaitNode(first, name(3), s -> s.stage() == BootStage.PXE && s.wipe() && s.generation() == 3, "reprovisioned");
                awaitNode(first, name(4), s -> s.status() == NodeStatus.BOOTING, "told to boot next");
                awaitNode(first, name(5), s -> s.status() == NodeStatus.DHCP, "in DHCP");
                before = Controllers.nodes(first);
            }
            assertEquals(NODES, before.size());

            Map<String, NodeState> afterFirstRestart;
            try (ControllerApp second = Controllers.startReady(config)) {
                Await.until(Duration.ofSeconds(30), () -> Controllers.nodes(second).size() == NODES, () -> "all nodes");
                assertEquals(before, Controllers.nodes(second), "state after a restart on the same state dir");
                // Inputs after the restart continue each node from where it was, not from scratch.
                in.configServed(3);
                in.reprovision(1, false);
                in.flush();
                awaitNode(second, name(3), s -> s.stage() == BootStage.LOCAL && s.generation() == 4, "flipped again");
                awaitNode(second, name(1), s -> s.stage() == BootStage.PXE && s.generation() == 3, "reprovisioned");
                in.heartbeat(3, "boot-2");
                in.flush();
                NodeState three = awaitNode(second, name(3), s -> s.status() == NodeStatus.UP, "up");
                assertEquals(false, three.wipe(), "the install that carried the wipe came up");
                afterFirstRestart = Controllers.nodes(second);
            }

            Map<String, String> emptyDir = new java.util.HashMap<>(config);
            emptyDir.put("state.dir", dir.resolve("empty").toString());
            try (ControllerApp third = Controllers.startReady(emptyDir)) {
                Await.until(Duration.ofSeconds(30), () -> Controllers.nodes(third).size() == NODES, () -> "all nodes");
                assertEquals(afterFirstRestart, Controllers.nodes(third), "state after a restart on an empty state dir");
                in.configServed(1);
                in.configServed(6);
                in.flush();
                // Generation 4 (not 2) proves the store was restored from the changelog before this input.
                awaitNode(third, name(1), s -> s.stage() == BootStage.LOCAL && s.generation() == 4, "flipped from restored state");
                awaitNode(third, name(6), s -> s.stage() == BootStage.LOCAL && s.generation() == 2, "flipped");
                Await.until(Duration.ofSeconds(10), () -> Controllers.stageChanges(third.view().recentEvents(2000))
                    .equals(Map.of(name(1), 3L, name(2), 1L, name(3), 3L, name(4), 1L, name(6), 1L)),
                    () -> "one stage-changed event per flip, got " + Controllers.stageChanges(third.view().recentEvents(2000)));
            }
        }
    }

    /**
     * After a restart the node processor decodes its stored states lazily; a node that never
     * sends another input must still get its liveness deadline, from the restart on.
     */
    @Test
    void aNodeSilentAcrossARestart_goesStaleWithoutAnyInputNamingIt(@TempDir Path dir) throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Map<String, String> config = TestCluster.controllerConfig(bootstrap, prefix, "restart-2", dir, 3);
        try (ClusterInputs in = new ClusterInputs(bootstrap, new Topics(prefix))) {
            try (ControllerApp first = Controllers.startReady(config)) {
                in.putNode(1);
                in.putNode(2);
                in.flush();
                awaitNode(first, name(1), s -> true, "added");
                awaitNode(first, name(2), s -> true, "added");
                in.heartbeat(1, "boot-1", 5);
                in.heartbeat(2, "boot-1", 30);
                in.flush();
                awaitNode(first, name(1), s -> s.status() == NodeStatus.UP, "up");
                awaitNode(first, name(2), s -> s.status() == NodeStatus.UP, "up");
            }
            long restarting = System.nanoTime();
            try (ControllerApp second = Controllers.startReady(config)) {
                assertEquals(NodeStatus.UP, second.view().node(name(1)).status(), "up when the restart began");
                // Stale 3 intervals of 5 s after the restart, with no input naming the node.
                awaitNode(second, name(1), s -> s.status() == NodeStatus.STALE, "stale after the restart's grace period");
                assertTrue(System.nanoTime() - restarting >= Duration.ofSeconds(15).toNanos(), "a grace period from the restart");
                assertEquals(NodeStatus.UP, second.view().node(name(2)).status(), "a 30 s interval is not over yet");
            }
        }
    }
}
