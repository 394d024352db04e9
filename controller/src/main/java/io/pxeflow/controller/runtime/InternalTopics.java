package io.pxeflow.controller.runtime;

import io.pxeflow.protocol.Topics;

/**
 * Topics the controller keeps for itself: DHCP and PXE events re-keyed from MAC/IP to node name
 * (so they reach the partition that owns the node), with the resolver's
 * watermarks, and the compacted MAC/IP → node index.
 */
public record InternalTopics(Topics topics) {
    /** DHCP and PXE events re-keyed to their node, and the resolver's watermarks ({@link HopRecords}). */
    public String nodeEvents() {
        return topics.prefix() + "controller.node-events";
    }

    public String addresses() {
        return topics.prefix() + "controller.addresses";
    }
}
