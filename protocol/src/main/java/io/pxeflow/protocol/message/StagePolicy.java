package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** When a pxe+local node's stage flips to local. */
public enum StagePolicy implements Coded {
    ON_PXE_SERVED("on-pxe-served"),
    ON_INSTALL_COMPLETE("on-install-complete"),
    UNKNOWN("unknown");

    private final String code;

    StagePolicy(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static StagePolicy fromCode(String code) {
        return Coded.fromCode(StagePolicy.class, code, UNKNOWN);
    }
}
