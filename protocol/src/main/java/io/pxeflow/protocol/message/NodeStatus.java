package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Runtime status of a node as the controller last derived it. */
public enum NodeStatus implements Coded {
    REGISTERED("registered"),
    DHCP("dhcp"),
    NETBOOTING("netbooting"),
    BOOTING("booting"),
    UP("up"),
    STALE("stale"),
    DOWN("down"),
    BOOT_LOOP("boot-loop"),
    UNKNOWN("unknown");

    private final String code;

    NodeStatus(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static NodeStatus fromCode(String code) {
        return Coded.fromCode(NodeStatus.class, code, UNKNOWN);
    }
}
