package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a boot file reached the node. */
public enum PxeTransport implements Coded {
    TFTP("tftp"),
    HTTP("http"),
    IPXE_ENDPOINT("ipxe-endpoint"),
    UNKNOWN("unknown");

    private final String code;

    PxeTransport(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static PxeTransport fromCode(String code) {
        return Coded.fromCode(PxeTransport.class, code, UNKNOWN);
    }
}
