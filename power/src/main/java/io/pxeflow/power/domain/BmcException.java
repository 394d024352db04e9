package io.pxeflow.power.domain;

import io.pxeflow.protocol.message.PowerFailure;

/**
 * A BMC call that did not do what was asked, with the reason a result and a metric carry and a
 * message for people. Messages name the BMC and never hold a secret.
 */
public final class BmcException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient PowerFailure reason;

    public BmcException(PowerFailure reason, String message) {
        super(message);
        this.reason = reason;
    }

    public BmcException(PowerFailure reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public PowerFailure reason() {
        return reason;
    }

    /** Worth another try after a pause: the BMC may answer next time. Wrong passwords and missing features do not improve. */
    public boolean retryable() {
        return reason == PowerFailure.TIMEOUT || reason == PowerFailure.UNREACHABLE || reason == PowerFailure.BMC_ERROR;
    }
}
