package io.pxeflow.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.controller.domain.ControllerPolicy;
import io.pxeflow.controller.domain.Node;
import io.pxeflow.controller.domain.NodeInput;
import io.pxeflow.controller.domain.NodeStateMachine;
import io.pxeflow.controller.domain.Transition;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.testkit.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller runs in a child JVM and is SIGKILLed at random moments while 50 nodes flip
 * between pxe and local (PXE answers served, reprovisions). Whatever was in flight, the final
 * node states must be exactly those of an uninterrupted run of the pure state machine over the
 * same inputs, and the committed {@code events} must hold every node's lifecycle exactly once:
 * no flip lost, none repeated, no command lost.
 */
class ControllerKillIT {
    private static final int NODES = 50;
    private static final int ROUNDS = 8;
    private static final int KILLS = 3;

    /** What an uninterrupted run says about a node. */
    record Summary(BootStage stage, NodeStatus status, long generation, boolean wipe, String lastRequestId, int answers) {
        static Summary of(NodeState s) {
            return new Summary(s.stage(), s.status(), s.generation(), s.wipe(), s.lastRequestId(), s.pxeAnswers().size());
        }
    }

    /** An event as far as exactly-once is concerned: no times, no prose. */
    record EventKey(String kind, String from, String to, String requestId) {
        static EventKey of(LifecycleEvent e) {
            return new EventKey(e.kind().code(), e.from(), e.to(), e.requestId());
        }
    }

    private final NodeStateMachine machine = new NodeStateMachine(ControllerPolicy.defaults());
    private final Map<String, NodeState> expected = new TreeMap<>();
    private final Map<String, List<EventKey>> expectedEvents = new TreeMap<>();
    private Instant modelClock = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void killNineAtRandomMoments_losesAndRepeatsNothing(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Topics topics = new Topics(prefix);
        Set<Integer> killRounds = new HashSet<>();
        while (killRounds.size() < KILLS) {
            killRounds.add(random.nextInt(ROUNDS));
        }
        // Child logs outlive the test's temporary directory, for whoever has to read a failure.
        Path logs = java.nio.file.Files.createDirectories(Path.of("target", "controller-kill-it"));
        String context = "seed " + seed + ", kills after rounds " + killRounds + ", child logs in " + logs.toAbsolutePath();
        try (ChildController child = new ChildController(logs, bootstrap, prefix, "kill-it", dir.resolve("state").toString(), "6",
                 // Shorter than the 10 s default: each kill leaves a transaction open until it times out.
                 "kafka.transaction-timeout-ms=4000");
             ClusterInputs in = new ClusterInputs(bootstrap, topics)) {
            child.start();
            child.awaitReady();
            try (TopicTail<NodeState> nodes = new TopicTail<>(bootstrap, topics.nodes(), Codec.NODE_STATE);
                 TopicTail<LifecycleEvent> events = new TopicTail<>(bootstrap, topics.events(), Codec.EVENT)) {
                for (int i = 0; i < NODES; i++) {
                    // Half the nodes start at pxe, half at local, so every round mixes PXE answers and reprovisions.
                    BootStage stage = i < NODES / 2 ? null : BootStage.LOCAL;
                    model(in.command(new Command.PutNode(TestCluster.name(i), ClusterInputs.meta(), TestCluster.spec(i), stage)));
                }
                in.flush();
                awaitGenerations(nodes, context + ", nodes added");
                for (int round = 0; round < ROUNDS; round++) {
                    for (int k = 0; k < NODES / 2; k++) {
                        send(in, k, round);
                        send(in, k + NODES / 2, round);
                    }
                    in.flush();
                    if (killRounds.contains(round)) {
                        Thread.sleep(random.nextInt(400));
                        child.kill();
                        child.start();
                    }
                    awaitGenerations(nodes, context + ", round " + round);
                }
                Map<String, Summary> actual = new TreeMap<>();
                latest(nodes).forEach((name, s) -> actual.put(name, Summary.of(s)));
                Map<String, Summary> want = new TreeMap<>();
                expected.forEach((name, s) -> want.put(name, Summary.of(s)));
                assertEquals(want, actual, "final node states (" + context + ")");

                Await.until(Duration.ofSeconds(15), () -> eventsByNode(events).equals(expectedEvents),
                    () -> firstDifference(eventsByNode(events)) + " (" + context + ")");
            }
        }
    }

    /** Round r: a node whose stage is pxe is served its PXE answer (flip to local); one at local is reprovisioned. */
    private void send(ClusterInputs in, int i, int round) {
        if (expected.get(TestCluster.name(i)).stage() == BootStage.PXE) {
            model(TestCluster.name(i), new NodeInput.Pxe(in.configServed(i)));
        } else {
            model(in.reprovision(i, false));
        }
    }

    private void model(Command c) {
        model(c.node(), new NodeInput.Cmd(c));
    }

    private void model(String node, NodeInput input) {
        modelClock = modelClock.plusSeconds(1);
        Transition t = machine.apply(Node.of(expected.get(node)), input, modelClock);
        expected.put(node, t.state());
        t.events().forEach(e -> expectedEvents.computeIfAbsent(node, k -> new ArrayList<>()).add(EventKey.of(e)));
    }

    /** Waits until every node's published generation is the one the uninterrupted run reached. */
    private void awaitGenerations(TopicTail<NodeState> nodes, String what) {
        Await.until(Duration.ofSeconds(60), () -> {
            Map<String, NodeState> seen = latest(nodes);
            return expected.entrySet().stream().allMatch(e -> seen.containsKey(e.getKey())
                && seen.get(e.getKey()).generation() == e.getValue().generation());
        }, () -> what + ": " + lagging(latest(nodes)));
    }

    private String lagging(Map<String, NodeState> seen) {
        List<String> out = new ArrayList<>();
        expected.forEach((name, s) -> {
            NodeState got = seen.get(name);
            if (got == null || got.generation() != s.generation()) {
                out.add(name + " at gen " + (got == null ? "-" : got.generation()) + ", want " + s.generation());
            }
        });
        return out.size() + " nodes behind: " + out.subList(0, Math.min(5, out.size()));
    }

    private static Map<String, NodeState> latest(TopicTail<NodeState> nodes) {
        Map<String, NodeState> m = new HashMap<>();
        nodes.values().forEach(s -> m.put(s.name(), s));
        return m;
    }

    private static Map<String, List<EventKey>> eventsByNode(TopicTail<LifecycleEvent> events) {
        Map<String, List<EventKey>> m = new TreeMap<>();
        events.values().stream().filter(e -> e.node() != null)
            .forEach(e -> m.computeIfAbsent(e.node(), k -> new ArrayList<>()).add(EventKey.of(e)));
        return m;
    }

    private String firstDifference(Map<String, List<EventKey>> actual) {
        for (var e : expectedEvents.entrySet()) {
            List<EventKey> got = actual.getOrDefault(e.getKey(), List.of());
            if (!got.equals(e.getValue())) {
                return "events of " + e.getKey() + " differ from an uninterrupted run:\n  want " + e.getValue()
                    + "\n  got  " + got;
            }
        }
        return "events for nodes the run never had: " + actual.keySet();
    }
}
