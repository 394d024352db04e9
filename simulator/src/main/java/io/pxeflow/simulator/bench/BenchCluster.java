package io.pxeflow.simulator.bench;

import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.simulator.Fleet;
import io.pxeflow.simulator.Outbox;
import io.pxeflow.simulator.Progress;
import io.pxeflow.simulator.Scenario;
import io.pxeflow.simulator.SimNode;
import io.pxeflow.simulator.TopicSnapshot;
import io.pxeflow.simulator.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers the benchmarks share: register a fleet, bring it up, count it on the nodes topic. */
final class BenchCluster {
    static final String BOOT_ID = "bench-boot";

    private BenchCluster() {
    }

    /** Registers {@code count} nodes and sends each one heartbeat with interval {@code intervalSeconds}. */
    static List<SimNode> registerAndBringUp(String bootstrap, Topics topics, int count, int intervalSeconds)
            throws InterruptedException {
        return registerAndBringUp(bootstrap, topics, 1, count, intervalSeconds);
    }

    /** Nodes {@code from..to} (1-based, inclusive); waits until the nodes topic holds {@code to} up nodes. */
    static List<SimNode> registerAndBringUp(String bootstrap, Topics topics, int from, int to, int intervalSeconds)
            throws InterruptedException {
        int count = to;
        List<SimNode> fleet = Fleet.build(to, Scenario.BOOT_STORM, 1).subList(from - 1, to);
        try (Outbox out = new Outbox(bootstrap, topics)) {
            Instant now = Instant.now();
            for (SimNode n : fleet) {
                out.command(new Command.PutNode(n.name(), Wire.meta(now), n.spec(Fleet.BOOT_CLASS), null));
            }
            out.flush();
            awaitNodes(bootstrap, topics, count, NodeStatus.REGISTERED, Duration.ofSeconds(60));
            for (SimNode n : fleet) {
                out.heartbeat(Wire.heartbeat(n.name(), BOOT_ID, 1, intervalSeconds, Instant.now()));
            }
            out.flush();
            awaitNodes(bootstrap, topics, count, NodeStatus.UP, Duration.ofSeconds(60));
        }
        return fleet;
    }

    /** One encoded heartbeat per node, reused so that encoding is not part of what is measured. */
    static List<byte[]> encodedHeartbeats(List<SimNode> fleet, int intervalSeconds) {
        List<byte[]> out = new ArrayList<>(fleet.size());
        for (SimNode n : fleet) {
            Heartbeat h = Wire.heartbeat(n.name(), BOOT_ID, 2, intervalSeconds, Instant.now());
            out.add(Codec.HEARTBEAT.encode(h));
        }
        return out;
    }

    /** Waits until at least {@code count} nodes are in {@code status} (any status when REGISTERED); fails after {@code timeout} without progress. */
    static void awaitNodes(String bootstrap, Topics topics, int count, NodeStatus status, Duration timeout)
            throws InterruptedException {
        Progress.await("nodes " + status.code(), () -> count(bootstrap, topics, status), count, timeout,
            Duration.ofSeconds(1));
    }

    static int count(String bootstrap, Topics topics, NodeStatus status) {
        int n = 0;
        for (Map.Entry<String, byte[]> e : TopicSnapshot.read(bootstrap, topics.nodes(), Duration.ofSeconds(120)).entrySet()) {
            Decoded<NodeState> d = Codec.NODE_STATE.decode(e.getValue());
            if (d instanceof Decoded.Ok<NodeState> ok && (status == NodeStatus.REGISTERED || ok.value().status() == status)) {
                n++;
            }
        }
        return n;
    }
}
