package io.pxeflow.controller.view;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.PowerResult;
import io.pxeflow.protocol.message.PowerState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every controller knows about power, from the power workers' results on
 * {@code power-status}: each node's last known power state (a failed request does not make it
 * unknown: the node was on when last seen) and its last request, and the recent results by
 * request id (what ctl follows). Each result also stands for a {@code power} or
 * {@code power-failed} event in the node's history. Kept out of the node state machine: power is
 * something done to a node, not an input of its boot stages.
 */
public final class PowerLedger {
    private static final int RECENT_REQUESTS = 10_000;

    /**
     * A node's power as last seen.
     *
     * @param state   the last state a BMC reported (or accepted to reach); unknown when none did yet
     * @param stateAt when that was
     * @param last    the node's most recent result, whatever it said
     */
    public record NodePower(PowerState state, Instant stateAt, PowerResult last) {
    }

    private final Map<String, NodePower> nodes = new ConcurrentHashMap<>();
    private final Map<String, PowerResult> requests = new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PowerResult> eldest) {
            return size() > RECENT_REQUESTS;
        }
    };

    /** Takes one power-status record in; the lifecycle event it stands for, or null when it is not a valid result. */
    LifecycleEvent apply(String key, byte[] value) {
        if (key == null || value == null || !(Codec.POWER_RESULT.decode(value) instanceof Decoded.Ok<PowerResult> ok)
                || !key.equals(ok.value().node())) {
            return null;
        }
        PowerResult r = ok.value();
        NodePower before = nodes.get(r.node());
        PowerState was = before == null ? PowerState.UNKNOWN : before.state();
        NodePower now = r.state() != PowerState.UNKNOWN ? new NodePower(r.state(), r.finished(), r)
            : new NodePower(was, before == null ? null : before.stateAt(), r);
        nodes.put(r.node(), now);
        synchronized (requests) {
            requests.put(r.requestId(), r);
        }
        return event(r, was);
    }

    static LifecycleEvent event(PowerResult r, PowerState was) {
        String from = was == PowerState.UNKNOWN ? null : was.code();
        String detail = r.summary() + " (power worker " + r.worker() + ", " + r.attempts()
            + (r.attempts() == 1 ? " attempt)" : " attempts)");
        return r.succeeded()
            ? LifecycleEvent.of(r.node(), LifecycleKind.POWER, from, r.state().code(), detail, r.requestId(), r.finished())
            : LifecycleEvent.of(r.node(), LifecycleKind.POWER_FAILED, from, null, detail, r.requestId(), r.finished());
    }

    /** The node's power as last seen, or null when no power worker has reported on it. */
    public NodePower node(String name) {
        return nodes.get(name);
    }

    /** The result of a recent request, or null when none arrived (yet). */
    public PowerResult request(String requestId) {
        synchronized (requests) {
            return requests.get(requestId);
        }
    }

    void forget(String node) {
        nodes.remove(node);
    }
}
