package io.pxeflow.controller.metrics;

import io.pxeflow.protocol.message.NodeStatus;

/**
 * The numbers {@code pxeflow_node_status_code} uses for each status. Dashboards map them back to
 * names and colours, so they are part of the metrics contract: never renumber, only append.
 */
public final class StatusCodes {
    private StatusCodes() {
    }

    public static int of(NodeStatus s) {
        if (s == NodeStatus.REGISTERED) {
            return 0;
        } else if (s == NodeStatus.DHCP) {
            return 1;
        } else if (s == NodeStatus.NETBOOTING) {
            return 2;
        } else if (s == NodeStatus.BOOTING) {
            return 3;
        } else if (s == NodeStatus.UP) {
            return 4;
        } else if (s == NodeStatus.STALE) {
            return 5;
        } else if (s == NodeStatus.DOWN) {
            return 6;
        } else if (s == NodeStatus.BOOT_LOOP) {
            return 7;
        }
        return -1;
    }
}
