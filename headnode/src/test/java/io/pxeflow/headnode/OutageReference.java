package io.pxeflow.headnode;

import io.pxeflow.controller.domain.ControllerPolicy;
import io.pxeflow.controller.domain.NodeInput;
import io.pxeflow.controller.domain.Node;
import io.pxeflow.controller.domain.NodeStateMachine;
import io.pxeflow.controller.domain.Transition;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.protocol.message.PxeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every node must end up: the pure state machine run over each node's inputs in the order
 * they were made, as if the broker had never stopped, starting from the states the controller
 * published after the nodes were registered.
 */
final class OutageReference {
    /** A node as far as "nothing lost, nothing doubled" is concerned. */
    record Summary(BootStage stage, NodeStatus status, long generation, boolean wipe, String bootId) {
        static Summary of(NodeState s) {
            return new Summary(s.stage(), s.status(), s.generation(), s.wipe(), s.bootId());
        }
    }

    private final NodeStateMachine machine = new NodeStateMachine(ControllerPolicy.defaults());
    private final Map<String, NodeState> states = new TreeMap<>();
    private final Map<String, List<LifecycleEvent>> events = new TreeMap<>();

    OutageReference(Map<String, NodeState> registered) {
        states.putAll(registered);
    }

    void apply(BootTraffic.Expected e) {
        if (e.event() instanceof DhcpEvent d) {
            apply(e.node(), new NodeInput.Dhcp(d), d.time());
        } else {
            PxeEvent p = (PxeEvent) e.event();
            apply(e.node(), new NodeInput.Pxe(p), p.time());
        }
    }

    void apply(String node, NodeInput input, Instant now) {
        Transition t = machine.apply(Node.of(states.get(node)), input, now);
        states.put(node, t.state());
        events.computeIfAbsent(node, k -> new ArrayList<>()).addAll(t.events());
    }

    void heartbeat(Heartbeat hb) {
        apply(hb.node(), new NodeInput.Beat(hb), hb.time());
    }

    NodeState state(String node) {
        return states.get(node);
    }

    Map<String, Summary> summaries() {
        Map<String, Summary> m = new TreeMap<>();
        states.forEach((name, s) -> m.put(name, Summary.of(s)));
        return m;
    }

    /** How many times each node's stage changed in the uninterrupted run. */
    Map<String, Long> stageChanges() {
        Map<String, Long> m = new TreeMap<>();
        events.forEach((node, list) -> m.put(node, list.stream().filter(e -> e.kind() == LifecycleKind.STAGE_CHANGED).count()));
        return m;
    }
}
