package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A node's chassis power as its BMC reports it. */
public enum PowerState implements Coded {
    ON("on"),
    OFF("off"),
    UNKNOWN("unknown");

    private final String code;

    PowerState(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static PowerState fromCode(String code) {
        return Coded.fromCode(PowerState.class, code, UNKNOWN);
    }
}
