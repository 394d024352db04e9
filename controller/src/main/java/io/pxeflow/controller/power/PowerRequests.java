package io.pxeflow.controller.power;

import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * How the controller makes a power request for a node: its BMC as the node's spec resolves it
 * now (node settings over its class's), a fresh request id, and a deadline {@code ttl} away after
 * which no worker acts on it.
 */
public final class PowerRequests {
    private final Duration ttl;

    public PowerRequests(Duration ttl) {
        this.ttl = ttl;
    }

    /** Null when the node has no BMC. */
    public PowerRequest of(NodeState node, PowerAction action, boolean pxeOnce, String who, Instant now) {
        return of(node, action, pxeOnce, who, now, UUID.randomUUID().toString());
    }

    public PowerRequest of(NodeState node, PowerAction action, boolean pxeOnce, String who, Instant now, String id) {
        BmcSpec bmc = node.spec().effectiveBmc();
        if (bmc == null) {
            return null;
        }
        return new PowerRequest(id, node.name(), action, pxeOnce, bmc, who, now, now.plus(ttl));
    }

    public Duration ttl() {
        return ttl;
    }
}
