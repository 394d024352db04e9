package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a generator did with one boot-config generation. */
public enum ConfigOutcome implements Coded {
    APPLIED("applied"),
    REFUSED("refused"),
    FAILED("failed"),
    UNKNOWN("unknown");

    private final String code;

    ConfigOutcome(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static ConfigOutcome fromCode(String code) {
        return Coded.fromCode(ConfigOutcome.class, code, UNKNOWN);
    }
}
