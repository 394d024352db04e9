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
        return switch (s) {
            case REGISTERED -> 0;
            case DHCP -> 1;
            case NETBOOTING -> 2;
            case BOOTING -> 3;
            case UP -> 4;
            case STALE -> 5;
            case DOWN -> 6;
            case BOOT_LOOP -> 7;
            case UNKNOWN -> -1;
        };
    }
}
