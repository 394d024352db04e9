package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a power request ended. */
public enum PowerOutcome implements Coded {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    UNKNOWN("unknown");

    private final String code;

    PowerOutcome(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static PowerOutcome fromCode(String code) {
        return Coded.fromCode(PowerOutcome.class, code, UNKNOWN);
    }
}
