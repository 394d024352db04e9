package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a power request asks of a node's BMC. {@code cycle} powers a node that is off on. */
public enum PowerAction implements Coded {
    STATUS("status"),
    ON("on"),
    OFF("off"),
    CYCLE("cycle"),
    RESET("reset"),
    UNKNOWN("unknown");

    private final String code;

    PowerAction(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static PowerAction fromCode(String code) {
        return Coded.fromCode(PowerAction.class, code, UNKNOWN);
    }
}
