package io.pxeflow.inventory;

import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.BootOverride;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.Subnet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What importing {@code desired} would change in {@code current}: nodes (matched by name) added,
 * removed or changed, and cluster-wide changes. A node whose class keeps its name but not its
 * content is not listed as changed: the class change is listed once, not once per node. A desired
 * stage of null (the file did not say) is no change.
 */
public record InventoryDiff(List<NodeEntry> added, List<NodeEntry> removed, List<NodeChange> changed,
                            List<ClusterChange> cluster) {

    public InventoryDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        cluster = List.copyOf(cluster);
    }

    public static InventoryDiff between(Inventory current, Inventory desired) {
        Map<String, NodeEntry> before = byName(current.nodes());
        Map<String, NodeEntry> after = byName(desired.nodes());
        List<NodeEntry> added = new ArrayList<>();
        List<NodeChange> changed = new ArrayList<>();
        for (NodeEntry to : desired.nodes()) {
            NodeEntry from = before.get(to.name());
            if (from == null) {
                added.add(to);
            } else {
                List<FieldChange> fields = nodeFields(from, to);
                if (!fields.isEmpty()) {
                    changed.add(new NodeChange(from, to, fields));
                }
            }
        }
        List<NodeEntry> removed = current.nodes().stream().filter(n -> !after.containsKey(n.name())).toList();
        return new InventoryDiff(added, removed, changed, clusterChanges(current.cluster(), desired.cluster()));
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && cluster.isEmpty();
    }

    public List<String> addedNames() {
        return added.stream().map(NodeEntry::name).toList();
    }

    public List<String> removedNames() {
        return removed.stream().map(NodeEntry::name).toList();
    }

    public List<String> changedNames() {
        return changed.stream().map(NodeChange::node).toList();
    }

    /** One line per change: cluster-wide first, then nodes in number order; "no changes" when empty. */
    public String render() {
        if (isEmpty()) {
            return "no changes\n";
        }
        StringBuilder out = new StringBuilder();
        cluster.forEach(c -> out.append(c.render()).append('\n'));
        record Line(int index, String name, String text) {
        }
        List<Line> lines = new ArrayList<>();
        added.forEach(n -> lines.add(new Line(n.index(), n.name(), "+ " + n.name() + " " + describe(n))));
        removed.forEach(n -> lines.add(new Line(n.index(), n.name(), "- " + n.name())));
        changed.forEach(c -> lines.add(new Line(c.to().index(), c.node(), "~ " + c)));
        lines.sort(Comparator.comparingInt(Line::index).thenComparing(Line::name));
        lines.forEach(l -> out.append(l.text()).append('\n'));
        return out.toString();
    }

    private static String describe(NodeEntry n) {
        NodeSpec s = n.spec();
        StringBuilder d = new StringBuilder("index=").append(s.index())
            .append(" class=").append(s.bootClass().name())
            .append(" sequence=").append(s.sequence().code());
        if (n.stage() != null) {
            d.append(" stage=").append(n.stage().code());
        }
        if (s.ip() != null) {
            d.append(" ip=").append(s.ip());
        }
        if (s.bmc() != null) {
            d.append(" bmc=").append(s.bmc().address());
        }
        return d.append(" macs=").append(macs(s.macs())).toString();
    }

    private static List<FieldChange> nodeFields(NodeEntry from, NodeEntry to) {
        NodeSpec a = from.spec();
        NodeSpec b = to.spec();
        List<FieldChange> out = new ArrayList<>();
        compare(out, "index", a.index(), b.index());
        compare(out, "class", a.bootClass().name(), b.bootClass().name());
        compare(out, "sequence", a.sequence().code(), b.sequence().code());
        if (to.stage() != null) {
            compare(out, "stage", from.stage() == null ? null : from.stage().code(), to.stage().code());
        }
        compare(out, "ip", a.ip(), b.ip());
        compare(out, "macs", macs(a.macs()), macs(b.macs()));
        compare(out, "bmc", bmcField(a.bmc(), BmcSpec::address), bmcField(b.bmc(), BmcSpec::address));
        compare(out, "bmcprotocol", bmcField(a.bmc(), BmcSpec::protocol), bmcField(b.bmc(), BmcSpec::protocol));
        compare(out, "bmccredentials", bmcField(a.bmc(), BmcSpec::credentials), bmcField(b.bmc(), BmcSpec::credentials));
        for (ClassKey key : ClassKey.values()) {
            if (key.perNode()) {
                compare(out, key.keyword(), overrideValue(key, a.override()), overrideValue(key, b.override()));
            }
        }
        return out;
    }

    private static Object bmcField(BmcSpec bmc, Function<BmcSpec, Object> field) {
        Object v = bmc == null ? null : field.apply(bmc);
        return v instanceof io.pxeflow.protocol.message.Coded c ? c.code() : v;
    }

    private static String overrideValue(ClassKey key, BootOverride o) {
        return o == null ? null : key.get(o);
    }

    private static String macs(List<MacAddress> macs) {
        return macs.stream().map(MacAddress::value).collect(Collectors.joining(","));
    }

    private static List<ClusterChange> clusterChanges(ClusterInventory a, ClusterInventory b) {
        List<ClusterChange> out = new ArrayList<>();
        List<FieldChange> settings = new ArrayList<>();
        compare(settings, "nodes", a.nodeCount(), b.nodeCount());
        compare(settings, "nodename", a.namePattern(), b.namePattern());
        compare(settings, "master", a.master(), b.master());
        compare(settings, "iprange", a.ipRange(), b.ipRange());
        compare(settings, "hostranges", joined(a.hostRanges()), joined(b.hostRanges()));
        if (!settings.isEmpty()) {
            out.add(new ClusterChange(ClusterChange.Kind.CHANGED, "cluster", settings));
        }
        keyed(out, new TreeMap<>(a.classes()), new TreeMap<>(b.classes()), c -> "class " + c.name(),
            InventoryDiff::classFields);
        keyed(out, hostsByMac(a.hosts()), hostsByMac(b.hosts()), InventoryDiff::hostLabel, InventoryDiff::hostFields);
        keyed(out, subnetsByNetwork(a.subnets()), subnetsByNetwork(b.subnets()), s -> "subnet " + s.network(),
            InventoryDiff::subnetFields);
        return out;
    }

    private static <T> void keyed(List<ClusterChange> out, Map<String, T> before, Map<String, T> after,
                                  Function<T, String> label, Function<T, Map<String, String>> fields) {
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            T from = before.get(key);
            T to = after.get(key);
            String subject = label.apply(from != null ? from : to);
            if (from == null) {
                List<FieldChange> set = new ArrayList<>();
                fields.apply(to).forEach((f, v) -> compare(set, f, null, v));
                out.add(new ClusterChange(ClusterChange.Kind.ADDED, subject, set));
            } else if (to == null) {
                out.add(new ClusterChange(ClusterChange.Kind.REMOVED, subject, List.of()));
            } else if (!from.equals(to)) {
                List<FieldChange> diff = new ArrayList<>();
                Map<String, String> f1 = fields.apply(from);
                Map<String, String> f2 = fields.apply(to);
                f1.keySet().forEach(f -> compare(diff, f, f1.get(f), f2.get(f)));
                out.add(new ClusterChange(ClusterChange.Kind.CHANGED, subject, diff));
            }
        }
    }

    private static Map<String, String> classFields(ClassSpec c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ClassKey key : ClassKey.values()) {
            out.put(key.keyword(), key.get(c));
        }
        return out;
    }

    private static Map<String, HostReservation> hostsByMac(List<HostReservation> hosts) {
        Map<String, HostReservation> out = new TreeMap<>();
        hosts.forEach(h -> out.put(h.mac().value(), h));
        return out;
    }

    /** Keyed so that 10.78.0.0/24 sorts before 172.20.4.0/22 (the address as eight hex digits). */
    private static Map<String, Subnet> subnetsByNetwork(List<Subnet> subnets) {
        Map<String, Subnet> out = new TreeMap<>();
        subnets.forEach(s -> out.put(s.network().address().hex() + "/" + s.network().prefix(), s));
        return out;
    }

    private static Map<String, String> subnetFields(Subnet s) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("interface", s.iface());
        for (SubnetKey key : SubnetKey.values()) {
            out.put(key.keyword(), key.get(s));
        }
        return out;
    }

    private static String hostLabel(HostReservation h) {
        return "host " + (h.names().isEmpty() ? h.mac().value() : h.names().get(0) + " (" + h.mac() + ")");
    }

    private static Map<String, String> hostFields(HostReservation h) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("ip", h.ip().toString());
        out.put("names", h.names().isEmpty() ? null : String.join(",", h.names()));
        return out;
    }

    private static String joined(List<?> values) {
        return values.isEmpty() ? null : values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    private static void compare(List<FieldChange> out, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            out.add(new FieldChange(field, from == null ? null : from.toString(), to == null ? null : to.toString()));
        }
    }

    private static Map<String, NodeEntry> byName(List<NodeEntry> nodes) {
        Map<String, NodeEntry> out = new LinkedHashMap<>();
        nodes.forEach(n -> out.put(n.name(), n));
        return out;
    }
}
