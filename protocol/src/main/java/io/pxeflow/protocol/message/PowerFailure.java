package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a power request failed: the label of {@code pxeflow_power_failures_total} and what ctl prints first. */
public enum PowerFailure implements Coded {
    /** The BMC did not answer within the per-call timeout. */
    TIMEOUT("timeout"),
    /** Nothing answered at the address (connection refused, no route, no IPMI session). */
    UNREACHABLE("unreachable"),
    /** The BMC refused the user name or password. */
    AUTH("auth"),
    /** The head node has no usable credentials file for the BMC (missing, unreadable, open to others). */
    CREDENTIALS("credentials"),
    /** The BMC cannot do what was asked (no PXE boot override, an unknown reset type). */
    UNSUPPORTED("unsupported"),
    /** The BMC answered with an error. */
    BMC_ERROR("bmc-error"),
    /** The BMC's TLS certificate is not trusted (Redfish). */
    TLS("tls"),
    /** The request waited longer than its deadline (no power worker was running for the node). */
    EXPIRED("expired"),
    /** The power worker lacks the tool the protocol needs (ipmitool). */
    TOOL_MISSING("tool-missing"),
    UNKNOWN("unknown");

    private final String code;

    PowerFailure(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static PowerFailure fromCode(String code) {
        return Coded.fromCode(PowerFailure.class, code, UNKNOWN);
    }
}
