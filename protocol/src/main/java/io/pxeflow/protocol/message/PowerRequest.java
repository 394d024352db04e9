package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import java.time.Instant;

/**
 * A power operation asked of one node's BMC, keyed by node name on {@code power}: written by the
 * controller's API, done by the power worker whose node filter takes the node. It carries the
 * BMC endpoint as the node's spec resolved it when the request was made (address, protocol and
 * the credentials' NAME: the secret stays in a root-only file on the worker's head node).
 *
 * @param requestId what the result and the lifecycle history answer with; a worker does each id once
 * @param pxeOnce   before the action, set the BMC's boot override to PXE for the next boot only
 * @param expires   a worker that reads the request later does not act on it (a power cycle an hour
 *                  late is worse than none) and reports it {@code expired}
 */
public record PowerRequest(String requestId, String node, PowerAction action, boolean pxeOnce, BmcSpec bmc,
                           String who, Instant time, Instant expires) implements Versioned {

    public PowerRequest {
        Fields.token("requestId", requestId);
        Fields.hostname("node", node);
        if (action == null || action == PowerAction.UNKNOWN) {
            throw new InvalidFieldException("action", "must be status, on, off, cycle or reset");
        }
        if (pxeOnce && (action == PowerAction.STATUS || action == PowerAction.OFF)) {
            throw new InvalidFieldException("pxeOnce", "a PXE boot override needs a boot: on, cycle or reset, not "
                + action.code());
        }
        if (bmc == null || !bmc.complete()) {
            throw new InvalidFieldException("bmc", "needs an address, a protocol and a credentials name: " + bmc);
        }
        Fields.text("who", who, 128);
        if (time == null) {
            throw new InvalidFieldException("time", "missing");
        }
        if (expires == null || expires.isBefore(time)) {
            throw new InvalidFieldException("expires", "missing or before the request's time");
        }
    }

    /** "cycle" or "cycle with PXE once": how logs and events name what was asked. */
    public String describe() {
        return action.code() + (pxeOnce ? " with PXE once" : "");
    }
}
