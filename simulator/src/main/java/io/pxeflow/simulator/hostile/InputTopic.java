package io.pxeflow.simulator.hostile;

import io.pxeflow.protocol.Topics;

/** Every topic a pxeflow process reads from outside senders, and which process refuses its bad records. */
public enum InputTopic {
    DHCP("controller"),
    PXE("controller"),
    HEARTBEATS("controller"),
    COMMANDS("controller"),
    CONFIG_STATUS("controller"),
    INVENTORY("controller"),
    CONFIG("generator");

    private final String refusedBy;

    InputTopic(String refusedBy) {
        this.refusedBy = refusedBy;
    }

    public String refusedBy() {
        return refusedBy;
    }

    /** Compacted topics: the broker itself refuses a record without a key there. */
    public boolean compacted() {
        return this == CONFIG || this == INVENTORY;
    }

    public String name(Topics t) {
        switch (this) {
            case DHCP:
                return t.dhcp();
            case PXE:
                return t.pxe();
            case HEARTBEATS:
                return t.heartbeats();
            case COMMANDS:
                return t.commands();
            case CONFIG_STATUS:
                return t.configStatus();
            case INVENTORY:
                return t.inventory();
            default:
                return t.config();
        }
    }
}
