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

/**
 * A node being changed by one input. Changing the stage or status records the lifecycle event as
 * a side effect, so no rule can change one without announcing it; {@link #finish} builds the
 * next record in one place and decides whether it is durable.
 */
final class NodeDraft {
    private final Node original;
    private final Instant now;
    private final String requestId;
    /** The request id the events carry: the command's, or that of a report that is not a command. */
    String eventRequestId;
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
    Map<String, Long> appliedBy;
    /** When the installer was served, while that install is in progress. */
    Instant installServed;
    private boolean publish;

    NodeDraft(Node node, Instant now, String requestId) {
        NodeState s = node.durable();
        this.original = node;
        this.now = now;
        this.requestId = requestId;
        this.eventRequestId = requestId;
        this.spec = s.spec();
        this.stage = s.stage();
        this.stageSince = s.stageSince();
        this.status = s.status();
        this.statusSince = s.statusSince();
        this.wipe = s.wipe();
        this.wipeServed = s.wipeServed();
        this.bootId = s.bootId();
        this.lastHeartbeat = node.lastHeartbeat();
        this.heartbeatSeconds = s.heartbeatSeconds();
        this.leasedIp = s.leasedIp();
        this.pxeAnswers = new ArrayList<>(s.pxeAnswers());
        this.appliedBy = new HashMap<>(s.appliedBy());
        this.installServed = s.installServed();
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
        events.add(LifecycleEvent.of(spec.name(), kind, from, to, detail, eventRequestId, now));
    }

    boolean hasEvents() {
        return !events.isEmpty();
    }

    Transition finish() {
        NodeState before = original.durable();
        long generation = publish ? before.generation() + 1 : before.generation();
        NodeState next = before.toBuilder().spec(spec).stage(stage).stageSince(stageSince).status(status)
            .statusSince(statusSince).wipe(wipe).wipeServed(wipeServed).bootId(bootId).heartbeatSeconds(heartbeatSeconds)
            .leasedIp(leasedIp).pxeAnswers(pxeAnswers).generation(generation).appliedBy(appliedBy)
            .lastRequestId(requestId != null ? requestId : before.lastRequestId()).installServed(installServed)
            .build();
        // Heartbeat times alone never make a durable write: that is what keeps heartbeats cheap.
        boolean durable = !next.sameIgnoringLiveness(before);
        if (durable) {
            next = next.toBuilder().lastHeartbeat(lastHeartbeat).updated(now).build();
        }
        NodeBootConfig config = null;
        if (publish) {
            config = BootConfigs.of(next, now);
            events.add(LifecycleEvent.of(spec.name(), LifecycleKind.CONFIG_PUBLISHED, null,
                Long.toString(generation), null, eventRequestId, now));
        }
        return new Transition(new Node(next, lastHeartbeat), durable, events, config, false);
    }
}
