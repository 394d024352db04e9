package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Range;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster-wide part of the inventory that belongs to no single node: ClusterWare's
 * {@code nodes}, {@code iprange}, {@code hostrange}, classes and {@code host} devices, and the
 * networks they live on ({@code subnets}: the master's network from {@code netmask} or
 * {@code interface}, and pxeflow's {@code subnet} declarations). One record, key {@code cluster},
 * on the compacted {@code inventory} topic; read by the controller's view and by generators.
 * A record written before subnets existed decodes with none.
 */
public record ClusterInventory(
        Integer nodeCount,
        String namePattern,
        Ipv4Address master,
        Ipv4Range ipRange,
        List<Ipv4Range> hostRanges,
        Map<String, ClassSpec> classes,
        List<HostReservation> hosts,
        List<Subnet> subnets) implements Versioned {

    public static final String KEY = "cluster";
    public static final String DEFAULT_NAME_PATTERN = "node%N";

    public ClusterInventory {
        hostRanges = hostRanges == null ? List.of() : List.copyOf(hostRanges);
        classes = classes == null ? Map.of() : Map.copyOf(classes);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        // Kept in address order so that two inventories declaring the same networks are equal.
        subnets = subnets == null ? List.of()
            : subnets.stream().sorted(Comparator.comparing(s -> s.network().address())).toList();
        if (namePattern == null) {
            namePattern = DEFAULT_NAME_PATTERN;
        }
    }

    public static ClusterInventory empty() {
        return new ClusterInventory(null, null, null, null, null, null, null, null);
    }

    /** The same inventory declaring no subnets, as written before pxeflow knew them. */
    public ClusterInventory(Integer nodeCount, String namePattern, Ipv4Address master, Ipv4Range ipRange,
                            List<Ipv4Range> hostRanges, Map<String, ClassSpec> classes, List<HostReservation> hosts) {
        this(nodeCount, namePattern, master, ipRange, hostRanges, classes, hosts, null);
    }

    /** The declared subnet holding {@code address}, if any. */
    public Optional<Subnet> subnetOf(Ipv4Address address) {
        return subnets.stream().filter(s -> s.contains(address)).findFirst();
    }

    /**
     * ClusterWare's address of node {@code index} when its line gives no {@code ip=}: the
     * iprange's first address plus the index; empty without an iprange or past its end.
     */
    public Optional<Ipv4Address> rangeAddress(int index) {
        return ipRange == null ? Optional.empty() : ipRange.at(index);
    }

    /** The node name for an index: {@code node%N} with index 15 gives {@code node15}. */
    public String nodeName(int index) {
        return namePattern.replace("%N", Integer.toString(index));
    }
}
