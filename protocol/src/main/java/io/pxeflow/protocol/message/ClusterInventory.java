package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Range;
import java.util.List;
import java.util.Map;

/**
 * The cluster-wide part of the inventory that belongs to no single node: ClusterWare's
 * {@code nodes}, {@code iprange}, {@code hostrange}, classes and {@code host} devices.
 * One record, key {@code cluster}, on the compacted {@code inventory} topic.
 */
public record ClusterInventory(
        Integer nodeCount,
        String namePattern,
        Ipv4Address master,
        Ipv4Range ipRange,
        List<Ipv4Range> hostRanges,
        Map<String, ClassSpec> classes,
        List<HostReservation> hosts) implements Versioned {

    public static final String KEY = "cluster";
    public static final String DEFAULT_NAME_PATTERN = "node%N";

    public ClusterInventory {
        hostRanges = hostRanges == null ? List.of() : List.copyOf(hostRanges);
        classes = classes == null ? Map.of() : Map.copyOf(classes);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        if (namePattern == null) {
            namePattern = DEFAULT_NAME_PATTERN;
        }
    }

    public static ClusterInventory empty() {
        return new ClusterInventory(null, null, null, null, null, null, null);
    }

    /** The node name for an index: {@code node%N} with index 15 gives {@code node15}. */
    public String nodeName(int index) {
        return namePattern.replace("%N", Integer.toString(index));
    }
}
