package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The stages a node walks through (ClusterWare's boot-sequence): pxe+local installs once. */
public enum BootSequence implements Coded {
    PXE_LOCAL("pxe+local"),
    PXE("pxe"),
    LOCAL("local"),
    UNKNOWN("unknown");

    private final String code;

    BootSequence(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static BootSequence fromCode(String code) {
        return Coded.fromCode(BootSequence.class, code, UNKNOWN);
    }
}
