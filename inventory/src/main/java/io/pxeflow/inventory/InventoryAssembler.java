package io.pxeflow.inventory;

import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Range;
import io.pxeflow.protocol.message.BootOverride;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.Subnet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Turns a draft into an inventory with the checks that need the whole file: ClusterWare's
 * address rules (ranges disjoint and clear of the master, hosts inside a hostrange, nodes inside
 * the iprange), every address inside a declared subnet, classes defined, nothing used twice.
 */
final class InventoryAssembler {
    static final String MAC = "MAC";
    static final String IP = "address";
    static final String NAME = "name";
    static final String INDEX = "node number";

    private final ConfigDraft d;
    private final UniqueKeys unique;
    private List<Subnet> subnets = List.of();
    private final Map<String, String> bmcOwners = new java.util.HashMap<>();

    InventoryAssembler(ConfigDraft draft) {
        this.d = draft;
        this.unique = new UniqueKeys(draft.file, draft.problems);
    }

    Inventory assemble() {
        Map<String, ClassSpec> classes = classes();
        int networkProblems = d.problems.size();
        subnets = new NetworkAssembler(d).assemble();
        boolean networkOk = d.problems.size() == networkProblems;
        checkRanges();
        if (networkOk) {
            checkNetwork();
        }
        ClusterInventory partial = new ClusterInventory(value(d.nodeCount), value(d.namePattern), value(d.master),
            value(d.ipRange), d.hostRanges.stream().map(Lined::value).toList(), classes, List.of(), subnets);
        if (d.master != null) {
            unique.claim(IP, d.master.value(), "the master", d.master.line());
        }
        List<NodeEntry> nodes = nodes(partial);
        List<HostReservation> hosts = hosts();
        warnUnusedOverrides(nodes);
        if (!d.problems.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(d.problems);
            sorted.sort(Comparator.comparingInt(Problem::line));
            throw new InventoryException(sorted);
        }
        ClusterInventory cluster = new ClusterInventory(partial.nodeCount(), partial.namePattern(), partial.master(),
            partial.ipRange(), partial.hostRanges(), classes, hosts, subnets);
        return new Inventory(cluster, nodes, d.warnings);
    }

    private Map<String, ClassSpec> classes() {
        Map<String, ClassSpec> out = new LinkedHashMap<>();
        for (ConfigDraft.ClassDraft c : d.classes.values()) {
            Map<ClassKey, String> values = new EnumMap<>(ClassKey.class);
            c.values.forEach((k, v) -> values.put(k, v.value()));
            try {
                out.put(c.name, ClassKey.classSpec(c.name, values));
            } catch (InvalidFieldException e) {
                d.problem(c.line, "class " + c.name + ": " + e.getMessage());
            }
        }
        return out;
    }

    private void checkRanges() {
        List<Lined<Ipv4Range>> ranges = new ArrayList<>();
        if (d.ipRange != null) {
            ranges.add(d.ipRange);
        }
        ranges.addAll(d.hostRanges);
        for (int i = 0; i < ranges.size(); i++) {
            Lined<Ipv4Range> r = ranges.get(i);
            for (int j = 0; j < i; j++) {
                Lined<Ipv4Range> earlier = ranges.get(j);
                if (r.value().overlaps(earlier.value())) {
                    int line = Math.max(r.line(), earlier.line());
                    d.problem(line, describe(r) + " overlaps " + describe(earlier) + " (line " + Math.min(r.line(), earlier.line()) + ")");
                }
            }
            if (d.master != null && r.value().contains(d.master.value())) {
                d.problem(r.line(), describe(r) + " contains the master's address " + d.master.value()
                    + " (line " + d.master.line() + ")");
            }
        }
        if (d.nodeCount != null && d.ipRange != null && d.ipRange.value().size() < d.nodeCount.value()) {
            d.warn(d.ipRange.line(), "iprange holds " + d.ipRange.value().size() + " addresses for nodes "
                + d.nodeCount.value() + " (line " + d.nodeCount.line() + ")");
        }
    }

    /**
     * Every address the file gives lies inside a declared subnet (a range inside one subnet, clear
     * of its network and broadcast addresses), and a file that gives addresses declares one.
     */
    private void checkNetwork() {
        if (subnets.isEmpty()) {
            if (d.networkDeclared) {
                return;
            }
            firstAddressLine().ifPresent(line -> d.problem(line, "the cluster's network is not declared, so no DHCP "
                + "server could serve these addresses: add `netmask MASK` (the master's netmask), `interface IFACE` "
                + "(read it from the head node's private interface) or `subnet NETWORK/PREFIX`"));
            return;
        }
        if (d.master != null) {
            inSubnet(d.master.line(), "master " + d.master.value(), d.master.value());
        }
        List<Lined<Ipv4Range>> ranges = new ArrayList<>();
        if (d.ipRange != null) {
            ranges.add(d.ipRange);
        }
        ranges.addAll(d.hostRanges);
        for (Lined<Ipv4Range> r : ranges) {
            Optional<Subnet> first = subnetOf(r.value().first());
            if (first.isEmpty() || !first.get().network().contains(r.value().last())) {
                d.problem(r.line(), describe(r) + " is not inside one declared subnet (" + declared() + ")");
            } else if (!Subnet.usable(first.get().network(), r.value().first())
                    || !Subnet.usable(first.get().network(), r.value().last())) {
                d.problem(r.line(), describe(r) + " includes the network or broadcast address of "
                    + first.get().network());
            }
        }
        if (!d.nodes.isEmpty() && d.master == null) {
            for (ConfigDraft.SubnetDraft s : d.subnets.values()) {
                if (!s.values.containsKey(SubnetKey.NEXT_SERVER)) {
                    d.problem(s.line, "subnet " + s.network + ": no next-server for its PXE clients; give "
                        + "`next-server ADDRESS` or declare `master`");
                }
            }
        }
    }

    private Optional<Integer> firstAddressLine() {
        List<Integer> lines = new ArrayList<>();
        if (d.master != null) {
            lines.add(d.master.line());
        }
        if (d.ipRange != null) {
            lines.add(d.ipRange.line());
        }
        d.hostRanges.forEach(r -> lines.add(r.line()));
        d.hosts.stream().filter(h -> h.ip() != null).forEach(h -> lines.add(h.line()));
        d.nodes.stream().filter(n -> n.ip() != null).forEach(n -> lines.add(n.line()));
        return lines.stream().min(Integer::compare);
    }

    private Optional<Subnet> subnetOf(Ipv4Address a) {
        return subnets.stream().filter(s -> s.contains(a)).findFirst();
    }

    private boolean sameSubnet(Ipv4Address a, Ipv4Address b) {
        Optional<Subnet> s = subnetOf(a);
        return subnets.isEmpty() || s.isPresent() && s.get().contains(b);
    }

    private void inSubnet(int line, String what, Ipv4Address a) {
        Optional<Subnet> s = subnetOf(a);
        if (s.isEmpty()) {
            d.problem(line, what + " lies in no declared subnet (" + declared() + ")");
        } else if (!Subnet.usable(s.get().network(), a)) {
            d.problem(line, what + " is the network or broadcast address of " + s.get().network());
        }
    }

    private String declared() {
        return subnets.stream().map(s -> s.network().toString()).collect(java.util.stream.Collectors.joining(", "));
    }

    private String describe(Lined<Ipv4Range> r) {
        return (r == d.ipRange ? "iprange " : "hostrange ") + r.value();
    }

    private List<NodeEntry> nodes(ClusterInventory cluster) {
        ClassSpec defaults = cluster.classes().getOrDefault(ClassSpec.DEFAULT_NAME, ClassSpec.named(ClassSpec.DEFAULT_NAME));
        List<NodeEntry> out = new ArrayList<>();
        for (ConfigDraft.Node n : d.nodes) {
            int line = n.line();
            int problemsBefore = d.problems.size();
            if (d.nodeCount != null && n.index() >= d.nodeCount.value()) {
                d.problem(line, "node " + n.index() + ": number not below nodes " + d.nodeCount.value()
                    + " (line " + d.nodeCount.line() + ")");
            }
            ClassSpec bootClass = defaults;
            if (n.className() != null && !n.className().equals(ClassSpec.DEFAULT_NAME)) {
                bootClass = cluster.classes().get(n.className());
                if (bootClass == null) {
                    d.problem(line, "node " + n.index() + ": class " + n.className() + " is not defined");
                }
            }
            String name = n.name() != null ? n.name() : cluster.nodeName(n.index());
            Ipv4Address ip = address(n, line);
            BootOverride override = override(n.index(), line);
            claim(n, name, ip);
            if (d.problems.size() > problemsBefore) {
                continue;
            }
            try {
                NodeSpec spec = new NodeSpec(n.index(), name, n.macs(), ip, bootClass, override, n.sequence(), n.bmc());
                out.add(new NodeEntry(spec, n.stage()));
            } catch (InvalidFieldException e) {
                d.problem(line, "node " + n.index() + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** Claimed even for a node with other problems, so that a collision with it is reported too. */
    private void claim(ConfigDraft.Node n, String name, Ipv4Address ip) {
        int line = n.line();
        // A second node with the same number also gets the same generated name: one problem, not two.
        if (unique.claim(INDEX, n.index(), name, line) || n.name() != null) {
            unique.claim(NAME, name, name, line);
        }
        n.macs().stream().distinct().forEach(m -> unique.claim(MAC, m, name, line));
        if (ip != null) {
            unique.claim(IP, ip, name, line);
        }
        if (n.bmc() != null) {
            // A BMC shared by two nodes is a multi-node chassis or a typo: said, not refused.
            String other = bmcOwners.putIfAbsent(n.bmc().address(), name + " (line " + line + ")");
            if (other != null) {
                d.warn(line, "node " + n.index() + ": bmc=" + n.bmc().address() + " is also " + other
                    + "'s; fine for a multi-node chassis, else a typo");
            }
        }
    }

    private Ipv4Address address(ConfigDraft.Node n, int line) {
        Ipv4Range range = value(d.ipRange);
        if (n.ip() != null) {
            // ClusterWare's iprange holds the nodes of the master's network; a node on another
            // subnet (a rack behind a relay) is placed there with ip=.
            if (range != null && !range.contains(n.ip()) && sameSubnet(range.first(), n.ip())) {
                d.problem(line, "node " + n.index() + ": ip=" + n.ip() + " is outside iprange " + range);
            } else if (!subnets.isEmpty()) {
                inSubnet(line, "node " + n.index() + ": ip=" + n.ip(), n.ip());
            }
            return n.ip();
        }
        if (range == null) {
            return null;
        }
        Ipv4Address at = range.at(n.index()).orElse(null);
        if (at == null) {
            d.problem(line, "node " + n.index() + ": iprange " + range + " holds only " + range.size()
                + " addresses (nodes 0 to " + (range.size() - 1) + ")");
        }
        return at;
    }

    private BootOverride override(int index, int line) {
        Map<ClassKey, Lined<String>> settings = d.overrides.get(index);
        if (settings == null) {
            return null;
        }
        Map<ClassKey, String> values = new EnumMap<>(ClassKey.class);
        settings.forEach((k, v) -> values.put(k, v.value()));
        try {
            return ClassKey.override(values);
        } catch (InvalidFieldException e) {
            d.problem(line, "node " + index + ": " + e.getMessage());
            return null;
        }
    }

    private List<HostReservation> hosts() {
        Map<ConfigDraft.Host, Ipv4Address> addresses = new LinkedHashMap<>();
        for (ConfigDraft.Host h : d.hosts) {
            if (h.ip() != null) {
                if (!d.hostRanges.isEmpty() && d.hostRanges.stream().noneMatch(r -> r.value().contains(h.ip()))) {
                    d.problem(h.line(), "host " + h.mac() + ": " + h.ip() + " is inside no hostrange");
                } else if (d.hostRanges.isEmpty() && !subnets.isEmpty()) {
                    inSubnet(h.line(), "host " + h.mac() + ": " + h.ip(), h.ip());
                }
                unique.claim(IP, h.ip(), hostName(h), h.line());
                addresses.put(h, h.ip());
            }
        }
        for (ConfigDraft.Host h : d.hosts) {
            if (h.ip() == null) {
                freeHostAddress(h).ifPresent(ip -> {
                    unique.claim(IP, ip, hostName(h), h.line());
                    addresses.put(h, ip);
                });
            }
        }
        List<HostReservation> out = new ArrayList<>();
        for (ConfigDraft.Host h : d.hosts) {
            unique.claim(MAC, h.mac(), hostName(h), h.line());
            h.names().forEach(name -> unique.claim(NAME, name, hostName(h), h.line()));
            Ipv4Address ip = addresses.get(h);
            if (ip != null) {
                out.add(new HostReservation(h.mac(), ip, h.names()));
            }
        }
        return out;
    }

    /** ClusterWare gives an address-less host the first address of the hostranges nobody uses. */
    private Optional<Ipv4Address> freeHostAddress(ConfigDraft.Host h) {
        if (d.hostRanges.isEmpty()) {
            d.problem(h.line(), "host " + h.mac() + ": give it an address, or declare a hostrange to take one from");
            return Optional.empty();
        }
        for (Lined<Ipv4Range> r : d.hostRanges) {
            for (long a = r.value().first().unsigned(); a <= r.value().last().unsigned(); a++) {
                Ipv4Address candidate = new Ipv4Address((int) a);
                if (!unique.taken(IP, candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        d.problem(h.line(), "host " + h.mac() + ": no free address left in the hostranges");
        return Optional.empty();
    }

    private static String hostName(ConfigDraft.Host h) {
        return "host " + (h.names().isEmpty() ? h.mac().value() : h.names().get(0));
    }

    private void warnUnusedOverrides(List<NodeEntry> nodes) {
        for (Lined<SortedSet<Integer>> selection : d.overrideSelections) {
            if (nodes.stream().noneMatch(n -> selection.value().contains(n.index()))) {
                d.warn(selection.line(), "no node is declared with a number in " + selection.value() + "; setting unused");
            }
        }
    }

    private static <T> T value(Lined<T> lined) {
        return lined == null ? null : lined.value();
    }
}
