package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Ipv4Address;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The controller's durable record of one node, on the compacted {@code nodes} topic. Only
 * transitions are written: a heartbeat that changes neither status nor boot id is not.
 *
 * @param pxeAnswers       when the node was answered by PXE since it was last up (boot-loop detection)
 * @param appliedBy        generator id to the highest generation it acknowledged
 * @param lastHeartbeat    the heartbeat time at the last durable write (live values are in memory)
 * @param heartbeatSeconds the interval the node's reporter promised
 * @param stageSince       when the stage was last set (null in records written before this field existed)
 */
public record NodeState(
        NodeSpec spec,
        BootStage stage,
        NodeStatus status,
        Instant statusSince,
        boolean wipe,
        String bootId,
        Instant lastHeartbeat,
        int heartbeatSeconds,
        Ipv4Address leasedIp,
        List<Instant> pxeAnswers,
        long generation,
        Map<String, Long> appliedBy,
        String lastRequestId,
        Instant updated,
        Instant stageSince) implements Versioned {

    public NodeState {
        pxeAnswers = pxeAnswers == null ? List.of() : List.copyOf(pxeAnswers);
        appliedBy = appliedBy == null ? Map.of() : Map.copyOf(appliedBy);
    }

    public String name() {
        return spec.name();
    }

    /** True once every generator that reported has applied the latest generation. */
    public boolean configApplied() {
        return !appliedBy.isEmpty() && appliedBy.values().stream().allMatch(g -> g >= generation);
    }
}
