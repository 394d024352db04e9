package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the server actually sent the file. */
public enum PxeOutcome implements Coded {
    SENT("sent"),
    NOT_FOUND("not-found"),
    FAILED("failed"),
    UNKNOWN("unknown");

    private final String code;

    PxeOutcome(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static PxeOutcome fromCode(String code) {
        return Coded.fromCode(PxeOutcome.class, code, UNKNOWN);
    }
}
