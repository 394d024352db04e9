package io.pxeflow.controller.domain;

import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.NodeBootConfig;
import io.pxeflow.protocol.message.NodeState;
import java.util.List;

/**
 * What one input did to one node, for the runtime to replay: the new state (null when the node
 * was removed), whether it must be written durably, the lifecycle events, and the boot config to
 * publish (or {@code removeConfig} for a tombstone). Computing it does no I/O.
 */
public record Transition(
        NodeState state,
        boolean durable,
        List<LifecycleEvent> events,
        NodeBootConfig publish,
        boolean removeConfig) {

    public Transition {
        events = List.copyOf(events);
    }

    public static Transition none(NodeState state) {
        return new Transition(state, false, List.of(), null, false);
    }

    public boolean removed() {
        return state == null;
    }
}
