package io.pxeflow.controller.domain;

import io.pxeflow.protocol.message.NodeState;
import java.time.Instant;

/**
 * One node as the controller holds it: its durable record, and when it was last heard from.
 * The heartbeat time is live: it changes with every heartbeat and is never written on its own
 * (that is what keeps heartbeats cheap); a durable write carries the latest one along.
 *
 * @param durable       what the changelog and the {@code nodes} topic hold
 * @param lastHeartbeat the latest heartbeat applied, or null when none since the node was added
 */
public record Node(NodeState durable, Instant lastHeartbeat) {
    public Node {
        if (durable == null) {
            throw new IllegalArgumentException("a node needs its durable record");
        }
    }

    /** A node as read back from its durable record (after a restart: nothing newer is known). */
    public static Node of(NodeState durable) {
        return durable == null ? null : new Node(durable, durable.lastHeartbeat());
    }

    public String name() {
        return durable.name();
    }

    /** The record to write: the durable part, stamped with the live heartbeat time. */
    public NodeState record() {
        return lastHeartbeat == null || lastHeartbeat.equals(durable.lastHeartbeat()) ? durable
            : durable.withLastHeartbeat(lastHeartbeat);
    }
}
