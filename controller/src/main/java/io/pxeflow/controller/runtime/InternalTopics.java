package io.pxeflow.controller.runtime;

import io.pxeflow.protocol.Topics;

/**
 * Topics the controller keeps for itself: DHCP and PXE events re-keyed from MAC/IP to node name
 * (so they reach the partition that owns the node), and the compacted MAC/IP → node index.
 */
public record InternalTopics(Topics topics) {
    public String nodeDhcp() {
        return topics.prefix() + "controller.node-dhcp";
    }

    public String nodePxe() {
        return topics.prefix() + "controller.node-pxe";
    }

    public String addresses() {
        return topics.prefix() + "controller.addresses";
    }
}
