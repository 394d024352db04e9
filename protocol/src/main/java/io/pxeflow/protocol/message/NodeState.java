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
 * @param wipeServed       a netboot answer went out while {@code wipe} was set: the install now running carries
 *                         the flag, so the boot it starts coming up clears it (absent in older records: false)
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
        Boolean wipeServed,
        Instant stageSince) implements Versioned {

    public NodeState {
        // Boxed so a record written before this field existed decodes (missing means not served).
        wipeServed = Boolean.TRUE.equals(wipeServed);
        pxeAnswers = pxeAnswers == null ? List.of() : List.copyOf(pxeAnswers);
        appliedBy = appliedBy == null ? Map.of() : Map.copyOf(appliedBy);
    }

    /** A state whose wipe flag (if any) has not yet been served to an installer. */
    public NodeState(NodeSpec spec, BootStage stage, NodeStatus status, Instant statusSince, boolean wipe, String bootId,
                     Instant lastHeartbeat, int heartbeatSeconds, Ipv4Address leasedIp, List<Instant> pxeAnswers,
                     long generation, Map<String, Long> appliedBy, String lastRequestId, Instant updated) {
        this(spec, stage, status, statusSince, wipe, bootId, lastHeartbeat, heartbeatSeconds, leasedIp, pxeAnswers,
            generation, appliedBy, lastRequestId, updated, false, null);
    }

    public String name() {
        return spec.name();
    }

    /** True once every generator that reported has applied the latest generation. */
    public boolean configApplied() {
        return !appliedBy.isEmpty() && appliedBy.values().stream().allMatch(g -> g >= generation);
    }
}
