package io.pxeflow.power.domain;

import io.pxeflow.protocol.message.BmcSpec;

/** One node's BMC as a driver needs it: the node (for messages), where the BMC is, and how to log in. */
public record BmcTarget(String node, BmcSpec bmc, BmcLogin login) {
    /** "node15's BMC ipmi://10.55.0.15": how messages name the BMC they are about. */
    public String describe() {
        return node + "'s BMC " + bmc.protocol().code() + "://" + bmc.address();
    }
}
