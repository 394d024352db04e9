package io.pxeflow.controller.domain;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeBootConfig;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node's state being changed by one input. Changing the stage or status records the lifecycle
 * event as a side effect, so no rule can change one without announcing it.
 */
final class NodeDraft {
    private final NodeState original;
    private final Instant now;
    private final String requestId;
    private final List<LifecycleEvent> events = new ArrayList<>();
    NodeSpec spec;
    BootStage stage;
    Instant stageSince;
    NodeStatus status;
    Instant statusSince;
    boolean wipe;
    /** A netboot went out while {@link #wipe} was set; only the boot it started may clear the flag. */
    boolean wipeServed;
    String bootId;
    Instant lastHeartbeat;
    int heartbeatSeconds;
    Ipv4Address leasedIp;
    List<Instant> pxeAnswers;
    long generation;
    Map<String, Long> appliedBy;
    String lastRequestId;
    private boolean publish;

    NodeDraft(NodeState s, Instant now, String requestId) {
        this.original = s;
        this.now = now;
        this.requestId = requestId;
        this.spec = s.spec();
        this.stage = s.stage();
        this.stageSince = s.stageSince();
        this.status = s.status();
        this.statusSince = s.statusSince();
        this.wipe = s.wipe();
        this.wipeServed = s.wipeServed();
        this.bootId = s.bootId();
        this.lastHeartbeat = s.lastHeartbeat();
        this.heartbeatSeconds = s.heartbeatSeconds();
        this.leasedIp = s.leasedIp();
        this.pxeAnswers = new ArrayList<>(s.pxeAnswers());
        this.generation = s.generation();
        this.appliedBy = new HashMap<>(s.appliedBy());
        this.lastRequestId = requestId != null ? requestId : s.lastRequestId();
    }

    String name() {
        return spec.name();
    }

    Instant now() {
        return now;
    }

    void stage(BootStage next, String why) {
        if (next != stage) {
            event(LifecycleKind.STAGE_CHANGED, stage.code(), next.code(), why);
            stage = next;
            stageSince = now;
            publish = true;
        }
    }

    void status(NodeStatus next, String why) {
        if (next != status) {
            event(LifecycleKind.STATUS_CHANGED, status.code(), next.code(), why);
            status = next;
            statusSince = now;
        }
    }

    void wipe(boolean next) {
        if (next != wipe) {
            wipe = next;
            publish = true;
        }
        if (!next) {
            wipeServed = false;
        }
    }

    void spec(NodeSpec next) {
        if (!next.equals(spec)) {
            spec = next;
            publish = true;
        }
    }

    /** Forces a new boot config even if nothing boot-relevant changed (a new node). */
    void publish() {
        publish = true;
    }

    void event(LifecycleKind kind, String from, String to, String detail) {
        events.add(LifecycleEvent.of(spec.name(), kind, from, to, detail, requestId, now));
    }

    boolean hasEvents() {
        return !events.isEmpty();
    }

    Transition finish() {
        long nextGeneration = publish ? generation + 1 : generation;
        NodeState next = new NodeState(spec, stage, status, statusSince, wipe, bootId, lastHeartbeat, heartbeatSeconds,
            leasedIp, pxeAnswers, nextGeneration, appliedBy, lastRequestId, original.updated(), wipeServed, stageSince);
        boolean durable = !sameIgnoringLiveness(original, next);
        if (durable) {
            next = withUpdated(next, now);
        }
        NodeBootConfig config = null;
        if (publish) {
            config = BootConfigs.of(next, now);
            events.add(LifecycleEvent.of(spec.name(), LifecycleKind.CONFIG_PUBLISHED, null,
                Long.toString(nextGeneration), null, requestId, now));
        }
        return new Transition(next, durable, events, config, false);
    }

    /** Heartbeat times alone never make a durable write: that is what keeps heartbeats cheap. */
    static boolean sameIgnoringLiveness(NodeState a, NodeState b) {
        return Objects.equals(a.spec(), b.spec()) && a.stage() == b.stage() && Objects.equals(a.stageSince(), b.stageSince())
            && a.status() == b.status()
            && Objects.equals(a.statusSince(), b.statusSince()) && a.wipe() == b.wipe()
            && a.wipeServed().equals(b.wipeServed())
            && Objects.equals(a.bootId(), b.bootId()) && a.heartbeatSeconds() == b.heartbeatSeconds()
            && Objects.equals(a.leasedIp(), b.leasedIp()) && a.pxeAnswers().equals(b.pxeAnswers())
            && a.generation() == b.generation() && a.appliedBy().equals(b.appliedBy())
            && Objects.equals(a.lastRequestId(), b.lastRequestId());
    }

    private static NodeState withUpdated(NodeState s, Instant now) {
        return new NodeState(s.spec(), s.stage(), s.status(), s.statusSince(), s.wipe(), s.bootId(), s.lastHeartbeat(),
            s.heartbeatSeconds(), s.leasedIp(), s.pxeAnswers(), s.generation(), s.appliedBy(), s.lastRequestId(), now,
            s.wipeServed(), s.stageSince());
    }
}
