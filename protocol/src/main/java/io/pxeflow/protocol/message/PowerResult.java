package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import java.time.Instant;

/**
 * How a power request ended, keyed by node name on {@code power-status}, written by the power
 * worker that did it. Every controller's view reads these for the node's last known power state
 * and its event history; ctl follows a request by its id.
 *
 * @param state    the node's power as the BMC last reported it during this request; {@code unknown}
 *                 when it could not be asked
 * @param reason   why it failed; null when it succeeded
 * @param detail   what happened, for people: never holds a secret
 * @param attempts how many times the worker tried (retries with backoff on timeouts and lost BMCs)
 */
public record PowerResult(String requestId, String node, PowerAction action, boolean pxeOnce, PowerOutcome outcome,
                          PowerState state, PowerFailure reason, String detail, String worker, int attempts,
                          Instant started, Instant finished) implements Versioned {
    public static final int MAX_DETAIL = 1000;

    public PowerResult {
        Fields.token("requestId", requestId);
        Fields.hostname("node", node);
        if (action == null) {
            throw new InvalidFieldException("action", "missing");
        }
        if (outcome == null) {
            throw new InvalidFieldException("outcome", "missing");
        }
        if (state == null) {
            state = PowerState.UNKNOWN;
        }
        if (outcome == PowerOutcome.FAILED && reason == null) {
            throw new InvalidFieldException("reason", "a failed request says why");
        }
        if (outcome == PowerOutcome.SUCCEEDED) {
            reason = null;
        }
        Fields.text("detail", detail, MAX_DETAIL);
        Fields.token("worker", worker);
        if (attempts < 0) {
            throw new InvalidFieldException("attempts", "must not be negative: " + attempts);
        }
        if (started == null || finished == null) {
            throw new InvalidFieldException("finished", "started and finished are required");
        }
    }

    public boolean succeeded() {
        return outcome == PowerOutcome.SUCCEEDED;
    }

    /** "cycle with PXE once: on" or "cycle failed (timeout): ...": the line events and logs carry. */
    public String summary() {
        String what = action.code() + (pxeOnce ? " with PXE once" : "");
        if (succeeded()) {
            return what + ": power " + state.code() + (detail == null ? "" : " (" + detail + ")");
        }
        return what + " failed (" + (reason == null ? "unknown" : reason.code()) + ")"
            + (detail == null ? "" : ": " + detail);
    }
}
