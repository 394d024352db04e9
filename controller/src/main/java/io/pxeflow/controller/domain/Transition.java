package io.pxeflow.controller.domain;

import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.NodeBootConfig;
import io.pxeflow.protocol.message.NodeState;
import java.util.List;

/**
 * What one input did to one node, for the runtime to replay: the node afterwards (null when it
 * was removed), whether its durable record changed (and must be written), the lifecycle events,
 * and the boot config to publish (or {@code removeConfig} for a tombstone). Computing it does no I/O.
 */
public record Transition(
        Node node,
        boolean durable,
        List<LifecycleEvent> events,
        NodeBootConfig publish,
        boolean removeConfig) {

    public Transition {
        events = List.copyOf(events);
    }

    public static Transition none(Node node) {
        return new Transition(node, false, List.of(), null, false);
    }

    public boolean removed() {
        return node == null;
    }

    /** The node afterwards as one record, its live heartbeat time included; null when removed. */
    public NodeState state() {
        return node == null ? null : node.record();
    }
}
