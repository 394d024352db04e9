package io.pxeflow.controller.domain;

import java.time.Duration;

/**
 * The thresholds of the state machine. Liveness is counted in the node's own heartbeat
 * intervals, so a reporter that promises 30 s is not declared stale after 15.
 */
public record ControllerPolicy(
        int staleAfterIntervals,
        int downAfterIntervals,
        int bootLoopAnswers,
        Duration bootLoopWindow,
        int defaultHeartbeatSeconds) {

    public ControllerPolicy {
        if (staleAfterIntervals < 1 || downAfterIntervals <= staleAfterIntervals) {
            throw new IllegalArgumentException("need 1 <= staleAfterIntervals < downAfterIntervals, got "
                + staleAfterIntervals + " and " + downAfterIntervals);
        }
        if (bootLoopAnswers < 2) {
            throw new IllegalArgumentException("bootLoopAnswers must be at least 2: " + bootLoopAnswers);
        }
        if (bootLoopWindow == null || bootLoopWindow.isNegative() || bootLoopWindow.isZero()) {
            throw new IllegalArgumentException("bootLoopWindow must be positive");
        }
        if (defaultHeartbeatSeconds < 1) {
            throw new IllegalArgumentException("defaultHeartbeatSeconds must be positive");
        }
    }

    /** The defaults: stale after 3 intervals, down after 10, boot-loop at 3 answers in 15 min. */
    public static ControllerPolicy defaults() {
        return new ControllerPolicy(3, 10, 3, Duration.ofMinutes(15), 5);
    }
}
