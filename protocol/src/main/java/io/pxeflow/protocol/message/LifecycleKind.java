package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happened to a node. */
public enum LifecycleKind implements Coded {
    NODE_ADDED("node-added"),
    NODE_UPDATED("node-updated"),
    NODE_REMOVED("node-removed"),
    STAGE_CHANGED("stage-changed"),
    STATUS_CHANGED("status-changed"),
    REBOOTED("rebooted"),
    BOOT_LOOP("boot-loop"),
    REPROVISION("reprovision"),
    WIPE_REQUESTED("wipe-requested"),
    INSTALL_COMPLETE("install-complete"),
    CONFIG_PUBLISHED("config-published"),
    CONFIG_APPLIED("config-applied"),
    CONFIG_REFUSED("config-refused"),
    DISCOVERED("discovered"),
    COMMAND_REJECTED("command-rejected"),
    /** An admin's command that changed nothing, recorded so that every call is in the node's history. */
    COMMAND_APPLIED("command-applied"),
    /** A power request succeeded; {@code to} is the node's power state after it. */
    POWER("power"),
    /** A power request failed; the detail starts with the reason. */
    POWER_FAILED("power-failed"),
    UNKNOWN("unknown");

    private final String code;

    LifecycleKind(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static LifecycleKind fromCode(String code) {
        return Coded.fromCode(LifecycleKind.class, code, UNKNOWN);
    }
}
