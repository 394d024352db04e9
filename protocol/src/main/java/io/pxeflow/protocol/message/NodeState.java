package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Ipv4Address;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The controller's durable record of one node, on the compacted {@code nodes} topic and in the
 * controller's changelog. Only transitions are written: a heartbeat that changes neither status
 * nor boot id is not, so {@code lastHeartbeat} is the heartbeat time as of the last durable write
 * (the controller keeps the live one in memory). Build and change it with {@link #builder} and
 * {@link #toBuilder}, never field by field.
 *
 * @param pxeAnswers       when the node was answered by PXE since it was last up (boot-loop detection)
 * @param appliedBy        generator id to the highest generation it acknowledged
 * @param lastHeartbeat    the heartbeat time at the last durable write (live values are in memory)
 * @param heartbeatSeconds the interval the node's reporter promised
 * @param wipeServed       a netboot answer went out while {@code wipe} was set: the install now running carries
 *                         the flag, so the boot it starts coming up clears it (absent in older records: false)
 * @param stageSince       when the stage was last set (null in records written before this field existed)
 * @param installServed    when the installer (a netboot answer) was last served, while that install is in
 *                         progress: until the node reports it complete or comes up with a new boot id (null
 *                         otherwise, and in records written before this field existed)
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
        Instant stageSince,
        Instant installServed) implements Versioned {

    public NodeState {
        // Boxed so a record written before this field existed decodes (missing means not served).
        wipeServed = Boolean.TRUE.equals(wipeServed);
        pxeAnswers = pxeAnswers == null ? List.of() : List.copyOf(pxeAnswers);
        appliedBy = appliedBy == null ? Map.of() : Map.copyOf(appliedBy);
    }

    /** A new node's record: registered, at {@code stage}, nothing heard from it yet. */
    public static Builder builder(NodeSpec spec, BootStage stage, Instant now) {
        return new Builder().spec(spec).stage(stage).stageSince(now).status(NodeStatus.REGISTERED).statusSince(now);
    }

    public Builder toBuilder() {
        return new Builder().spec(spec).stage(stage).status(status).statusSince(statusSince).wipe(wipe).bootId(bootId)
            .lastHeartbeat(lastHeartbeat).heartbeatSeconds(heartbeatSeconds).leasedIp(leasedIp).pxeAnswers(pxeAnswers)
            .generation(generation).appliedBy(appliedBy).lastRequestId(lastRequestId).updated(updated)
            .wipeServed(wipeServed).stageSince(stageSince).installServed(installServed);
    }

    public NodeState withLastHeartbeat(Instant at) {
        return toBuilder().lastHeartbeat(at).build();
    }

    public NodeState withUpdated(Instant at) {
        return toBuilder().updated(at).build();
    }

    public String name() {
        return spec.name();
    }

    /** True once every generator that reported has applied the latest generation. */
    public boolean configApplied() {
        return !appliedBy.isEmpty() && appliedBy.values().stream().allMatch(g -> g >= generation);
    }

    /** Whether two records say the same about the node, heartbeat time and write time aside. */
    public boolean sameIgnoringLiveness(NodeState o) {
        return Objects.equals(spec, o.spec) && stage == o.stage && Objects.equals(stageSince, o.stageSince)
            && status == o.status && Objects.equals(statusSince, o.statusSince) && wipe == o.wipe
            && wipeServed.equals(o.wipeServed) && Objects.equals(bootId, o.bootId) && heartbeatSeconds == o.heartbeatSeconds
            && Objects.equals(leasedIp, o.leasedIp) && pxeAnswers.equals(o.pxeAnswers) && generation == o.generation
            && appliedBy.equals(o.appliedBy) && Objects.equals(lastRequestId, o.lastRequestId)
            && Objects.equals(installServed, o.installServed);
    }

    /** The one way to make a {@link NodeState}: every field named, the rest at their defaults. */
    public static final class Builder {
        private NodeSpec spec;
        private BootStage stage;
        private NodeStatus status = NodeStatus.REGISTERED;
        private Instant statusSince;
        private boolean wipe;
        private String bootId;
        private Instant lastHeartbeat;
        private int heartbeatSeconds;
        private Ipv4Address leasedIp;
        private List<Instant> pxeAnswers = List.of();
        private long generation;
        private Map<String, Long> appliedBy = Map.of();
        private String lastRequestId;
        private Instant updated;
        private boolean wipeServed;
        private Instant stageSince;
        private Instant installServed;

        private Builder() {
        }

        public Builder spec(NodeSpec v) {
            spec = v;
            return this;
        }

        public Builder stage(BootStage v) {
            stage = v;
            return this;
        }

        public Builder status(NodeStatus v) {
            status = v;
            return this;
        }

        public Builder statusSince(Instant v) {
            statusSince = v;
            return this;
        }

        public Builder wipe(boolean v) {
            wipe = v;
            return this;
        }

        public Builder bootId(String v) {
            bootId = v;
            return this;
        }

        public Builder lastHeartbeat(Instant v) {
            lastHeartbeat = v;
            return this;
        }

        public Builder heartbeatSeconds(int v) {
            heartbeatSeconds = v;
            return this;
        }

        public Builder leasedIp(Ipv4Address v) {
            leasedIp = v;
            return this;
        }

        public Builder pxeAnswers(List<Instant> v) {
            pxeAnswers = v;
            return this;
        }

        public Builder generation(long v) {
            generation = v;
            return this;
        }

        public Builder appliedBy(Map<String, Long> v) {
            appliedBy = v;
            return this;
        }

        public Builder lastRequestId(String v) {
            lastRequestId = v;
            return this;
        }

        public Builder updated(Instant v) {
            updated = v;
            return this;
        }

        public Builder wipeServed(boolean v) {
            wipeServed = v;
            return this;
        }

        public Builder stageSince(Instant v) {
            stageSince = v;
            return this;
        }

        public Builder installServed(Instant v) {
            installServed = v;
            return this;
        }

        public NodeState build() {
            return new NodeState(spec, stage, status, statusSince, wipe, bootId, lastHeartbeat, heartbeatSeconds, leasedIp,
                pxeAnswers, generation, appliedBy, lastRequestId, updated, wipeServed, stageSince, installServed);
        }
    }
}
