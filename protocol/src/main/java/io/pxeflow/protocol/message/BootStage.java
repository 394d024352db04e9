package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the head node answers a node's next PXE request (ClusterWare's boot-stage). */
public enum BootStage implements Coded {
    PXE("pxe"),
    LOCAL("local"),
    UNKNOWN("unknown");

    private final String code;

    BootStage(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static BootStage fromCode(String code) {
        return Coded.fromCode(BootStage.class, code, UNKNOWN);
    }
}
