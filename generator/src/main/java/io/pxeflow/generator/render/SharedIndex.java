package io.pxeflow.generator.render;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every list the shared templates iterate, kept in the order the files list it as records come
 * and go: all nodes and devices, each subnet's (and those in none), each exported image's nodes,
 * the diskless nodes' overlays, the classes and the nodes that deviate from their class. A
 * change moves one record in a few sorted maps instead of sorting the cluster again, and the
 * view the templates see is built from these lists (see {@link #view}).
 *
 * <p>Not thread-safe: the worker thread that owns the output tree owns it.
 */
final class SharedIndex {
    /** Exports list a node once per image it mounts: its root image, then its overlay, in node order. */
    private record ImageUse(String node, int slot) {
    }

    private static final Comparator<ImageUse> IMAGE_USES = Comparator.comparing(ImageUse::node, NaturalOrder.INSTANCE)
        .thenComparingInt(ImageUse::slot);
    /** Cache key of a node's line in an export's client list (section keys are never negative). */
    private static final int EXPORT_CLIENT = -2;

    /** The nodes and devices of one subnet, or of none. */
    private static final class Members {
        final TreeMap<String, RecordEntry> nodes = new TreeMap<>(NaturalOrder.INSTANCE);
        final TreeMap<MacAddress, RecordEntry> hosts = new TreeMap<>();
    }

    private final Views views;
    private final boolean overlays;
    private NetworkPlan plan = NetworkPlan.none();
    private CachedSection.SectionKeys sectionKeys = new CachedSection.SectionKeys();
    private final TreeMap<String, RecordEntry> nodes = new TreeMap<>(NaturalOrder.INSTANCE);
    private final TreeMap<MacAddress, RecordEntry> hosts = new TreeMap<>();
    private final Map<NetworkPlan.Served, Members> bySubnet = new LinkedHashMap<>();
    private Members outside = new Members();
    private final TreeMap<String, TreeMap<ImageUse, RecordEntry>> images = new TreeMap<>();
    private final TreeMap<String, RecordEntry> overlayNodes = new TreeMap<>(NaturalOrder.INSTANCE);
    /** Class name to its nodes: the first in node order defines the class cluster.conf prints. */
    private final Map<String, TreeMap<String, RecordEntry>> classes = new HashMap<>();
    private final TreeMap<String, RecordEntry> deviators = new TreeMap<>(NaturalOrder.INSTANCE);
    /** Entries holding a template view for the current render, dropped by {@link #endRender}. */
    private final List<RecordEntry> withViews = new ArrayList<>();

    private final CachedSection.Items nodeItems = (e, last) -> List.of(nodeView(e));
    private final CachedSection.Items hostItems = (e, last) -> List.of(hostView(e));
    private final CachedSection.Items outsideItems = (e, last) -> List.of(outsideItem(e));
    private final CachedSection.Items reservationItems = new CachedSection.Items() {
        @Override
        public List<Map<String, Object>> of(RecordEntry e, boolean last) {
            return reservations(e, last);
        }

        @Override
        public boolean positional() {
            return true;
        }
    };

    SharedIndex(Views views, boolean overlays) {
        this.views = views;
        this.overlays = overlays;
    }

    NetworkPlan network() {
        return plan;
    }

    /** Serves {@code next}: every record moves to its subnet there, and every cached text is dropped. */
    void network(NetworkPlan next) {
        plan = next;
        sectionKeys = new CachedSection.SectionKeys();
        bySubnet.clear();
        next.subnets().forEach(s -> bySubnet.put(s, new Members()));
        outside = new Members();
        for (RecordEntry e : nodes.values()) {
            e.forget();
            members(e.node().ip()).nodes.put(e.node().node(), e);
        }
        for (RecordEntry e : hosts.values()) {
            e.forget();
            members(e.host().ip()).hosts.put(e.host().mac(), e);
        }
    }

    void put(NodeBootConfig n) {
        String name = n.node();
        String cls = n.bootClass().name();
        ClassSpec firstBefore = first(cls);
        RecordEntry e = new RecordEntry(n);
        nodes.put(name, e);
        members(n.ip()).nodes.put(name, e);
        String root = views.rootImage(n.bootClass());
        String overlay = views.overlay(n.bootClass());
        if (root != null) {
            images.computeIfAbsent(root, k -> new TreeMap<>(IMAGE_USES)).put(new ImageUse(name, 0), e);
            if (overlays) {
                overlayNodes.put(name, e);
            }
        }
        if (overlay != null) {
            images.computeIfAbsent(overlay, k -> new TreeMap<>(IMAGE_USES)).put(new ImageUse(name, 1), e);
        }
        classes.computeIfAbsent(cls, k -> new TreeMap<>(NaturalOrder.INSTANCE)).put(name, e);
        classChanged(cls, firstBefore, name);
    }

    void remove(NodeBootConfig n) {
        String name = n.node();
        String cls = n.bootClass().name();
        ClassSpec firstBefore = first(cls);
        nodes.remove(name);
        members(n.ip()).nodes.remove(name);
        removeImageUse(views.rootImage(n.bootClass()), new ImageUse(name, 0));
        removeImageUse(views.overlay(n.bootClass()), new ImageUse(name, 1));
        overlayNodes.remove(name);
        deviators.remove(name);
        TreeMap<String, RecordEntry> members = classes.get(cls);
        if (members != null) {
            members.remove(name);
            if (members.isEmpty()) {
                classes.remove(cls);
            }
        }
        classChanged(cls, firstBefore, null);
    }

    void put(HostReservation h) {
        RecordEntry e = new RecordEntry(h);
        hosts.put(h.mac(), e);
        members(h.ip()).hosts.put(h.mac(), e);
    }

    void remove(HostReservation h) {
        hosts.remove(h.mac());
        members(h.ip()).hosts.remove(h.mac());
    }

    /** Nodes and devices whose address lies in no subnet, for the log: {@code name (ip)}. */
    List<String> outside() {
        List<String> out = new ArrayList<>();
        outside.nodes.values().forEach(e -> out.add(e.node().node() + " (" + e.node().ip() + ")"));
        outside.hosts.values().forEach(e -> out.add((e.host().names().isEmpty() ? e.host().mac().value()
            : e.host().names().get(0)) + " (" + e.host().ip() + ")"));
        return out;
    }

    /**
     * What the shared templates see. With {@code cached}, record lists are {@link CachedSection}s
     * that reuse each record's rendered text; without, plain lists of fresh views (what an
     * admin's template gets, and the reference the cached form is tested against).
     */
    Map<String, Object> view(boolean cached) {
        Map<String, Object> m = new HashMap<>();
        m.put("settings", views.settings(plan));
        List<Map<String, Object>> subnets = new ArrayList<>();
        for (NetworkPlan.Served s : plan.subnets()) {
            Members in = bySubnet.get(s);
            String id = "subnet " + s.network() + " ";
            Map<String, Object> sv = views.subnet(s, list(cached, id + "nodes", in.nodes.values(), nodeItems),
                list(cached, id + "hosts", in.hosts.values(), hostItems), !in.nodes.isEmpty(), !in.hosts.isEmpty());
            sv.put("reservations", list(cached, id + "reservations", concat(in.nodes.values(), in.hosts.values()),
                reservationItems));
            sv.put("comma", subnets.size() < plan.subnets().size() - 1 ? "," : "");
            subnets.add(sv);
        }
        m.put("subnets", subnets);
        m.put("outside", list(cached, "outside", concat(outside.nodes.values(), outside.hosts.values()), outsideItems));
        m.put("nodes", list(cached, "nodes", nodes.values(), nodeItems));
        m.put("hosts", list(cached, "hosts", hosts.values(), hostItems));
        m.put("hasHosts", !hosts.isEmpty());
        m.put("hasNodes", !nodes.isEmpty());
        m.put("rootImages", images(cached));
        m.put("overlayNodes", list(cached, "overlayNodes", overlayNodes.values(), nodeItems));
        m.put("nodeCount", nodes.size());
        m.put("hostCount", hosts.size());
        m.put("reservations", list(cached, "reservations", concat(nodes.values(), hosts.values()), reservationItems));
        m.put("classes", classViews());
        m.put("nodeOverrides", overrides());
        return m;
    }

    /** Drops the template views built for one render: they are as large as the records, and rebuilt only for changes. */
    void endRender() {
        withViews.forEach(e -> e.view(null));
        withViews.clear();
    }

    private Object list(boolean cached, String id, Collection<RecordEntry> entries, CachedSection.Items items) {
        if (cached) {
            return new CachedSection(id, entries, entries.isEmpty(), items, sectionKeys);
        }
        List<Map<String, Object>> out = new ArrayList<>(entries.size());
        Iterator<RecordEntry> it = entries.iterator();
        while (it.hasNext()) {
            RecordEntry e = it.next();
            out.addAll(items.of(e, !it.hasNext()));
        }
        return out;
    }

    private List<Map<String, Object>> images(boolean cached) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<ImageUse, RecordEntry>> g : images.entrySet()) {
            Map<String, Object> img = new HashMap<>();
            img.put("path", g.getKey());
            img.put("nodes", list(cached, "image " + g.getKey() + " nodes", g.getValue().values(), nodeItems));
            // One export line per image; exports(5) continues a line after a backslash.
            ExportClients clients = new ExportClients(g.getValue().values());
            img.put("clients", cached ? clients : clients.toString());
            out.add(img);
        }
        return out;
    }

    /** An image's client list, written when the template prints it, from each node's cached part. */
    private static final class ExportClients {
        private final Collection<RecordEntry> uses;

        ExportClients(Collection<RecordEntry> uses) {
            this.uses = uses;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (RecordEntry e : uses) {
                String part = e.cached(EXPORT_CLIENT);
                if (part == null) {
                    part = " \\\n    " + e.node().ip() + "(ro,sync,no_root_squash,no_subtree_check)";
                    e.cache(EXPORT_CLIENT, part);
                }
                sb.append(part);
            }
            return sb.toString();
        }
    }

    private List<Map<String, Object>> classViews() {
        List<Map<String, Object>> out = new ArrayList<>();
        classes.keySet().stream().sorted(NaturalOrder.INSTANCE).forEach(name -> {
            ClassSpec c = first(name);
            Map<String, Object> cv = new HashMap<>();
            cv.put("name", c.name());
            cv.put("kernel", orNone(c.kernel()));
            cv.put("initrd", orNone(c.initrd()));
            cv.put("cmdline", orNone(c.cmdline()));
            out.add(cv);
        });
        return out;
    }

    /** cluster.conf's per-node lines where a node's effective class differs from its namesake's first definition. */
    private List<Map<String, Object>> overrides() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RecordEntry e : deviators.values()) {
            NodeBootConfig n = e.node();
            ClassSpec first = first(n.bootClass().name());
            ClassSpec c = n.bootClass();
            addOverride(out, n, "kernelimage", first.kernel(), c.kernel());
            addOverride(out, n, "initrdimage", first.initrd(), c.initrd());
            addOverride(out, n, "kernelcommandline", first.cmdline(), c.cmdline());
        }
        return out;
    }

    private static void addOverride(List<Map<String, Object>> out, NodeBootConfig n, String key, String classValue,
                                    String nodeValue) {
        if (!Objects.equals(classValue, nodeValue)) {
            out.add(Map.of("index", n.index(), "key", key, "value", orNone(nodeValue), "name", n.node()));
        }
    }

    private static String orNone(String v) {
        return v == null || v.isBlank() ? ClassSpec.NONE : v;
    }

    private Map<String, Object> nodeView(RecordEntry e) {
        if (e.view() == null) {
            e.view(views.node(e.node(), plan));
            withViews.add(e);
        }
        return e.view();
    }

    private Map<String, Object> hostView(RecordEntry e) {
        if (e.view() == null) {
            e.view(views.host(e.host()));
            withViews.add(e);
        }
        return e.view();
    }

    private static Map<String, Object> outsideItem(RecordEntry e) {
        if (e.isNode()) {
            return Map.of("what", "node " + e.node().node(), "ip", e.node().ip().toString());
        }
        HostReservation h = e.host();
        String nameOrIp = h.names().isEmpty() ? h.ip().toString() : h.names().get(0);
        return Map.of("what", "host " + nameOrIp, "ip", h.ip().toString());
    }

    /** Kea wants one flat list of reservations with JSON commas between them, nodes (each MAC) then devices. */
    private static List<Map<String, Object>> reservations(RecordEntry e, boolean last) {
        List<Map<String, Object>> out = new ArrayList<>(2);
        if (e.isNode()) {
            NodeBootConfig n = e.node();
            List<MacAddress> macs = n.macs();
            for (int i = 0; i < macs.size(); i++) {
                out.add(reservation(macs.get(i).value(), n.ip(), n.node(), true, last && i == macs.size() - 1));
            }
        } else {
            HostReservation h = e.host();
            out.add(reservation(h.mac().value(), h.ip(), h.names().isEmpty() ? null : h.names().get(0), false, last));
        }
        return out;
    }

    private static Map<String, Object> reservation(String mac, Ipv4Address ip, String hostname, boolean node, boolean last) {
        Map<String, Object> r = new HashMap<>();
        r.put("mac", mac);
        r.put("ip", ip.toString());
        r.put("hostname", hostname);
        r.put("node", node);
        r.put("comma", last ? "" : ",");
        return r;
    }

    private Members members(Ipv4Address ip) {
        return plan.subnetOf(ip).map(bySubnet::get).orElse(outside);
    }

    private void removeImageUse(String path, ImageUse use) {
        if (path == null) {
            return;
        }
        TreeMap<ImageUse, RecordEntry> g = images.get(path);
        if (g != null) {
            g.remove(use);
            if (g.isEmpty()) {
                images.remove(path);
            }
        }
    }

    private ClassSpec first(String cls) {
        TreeMap<String, RecordEntry> members = classes.get(cls);
        return members == null || members.isEmpty() ? null : members.firstEntry().getValue().node().bootClass();
    }

    /**
     * Keeps {@link #deviators} true after node {@code changed} (null: removed) joined or left class
     * {@code cls}: only that node's standing changes, unless the class's first node — the one
     * whose definition cluster.conf prints — is now another, or defines it otherwise.
     */
    private void classChanged(String cls, ClassSpec firstBefore, String changed) {
        ClassSpec firstAfter = first(cls);
        TreeMap<String, RecordEntry> members = classes.get(cls);
        if (members == null) {
            return;
        }
        if (!Objects.equals(firstBefore, firstAfter)) {
            members.values().forEach(e -> deviates(e, firstAfter));
        } else if (changed != null && members.containsKey(changed)) {
            deviates(members.get(changed), firstAfter);
        }
    }

    private void deviates(RecordEntry e, ClassSpec first) {
        if (first.equals(e.node().bootClass())) {
            deviators.remove(e.node().node());
        } else {
            deviators.put(e.node().node(), e);
        }
    }

    /** Two collections one after the other, without copying either. */
    private static Collection<RecordEntry> concat(Collection<RecordEntry> a, Collection<RecordEntry> b) {
        return new java.util.AbstractCollection<>() {
            @Override
            public Iterator<RecordEntry> iterator() {
                Iterator<RecordEntry> first = a.iterator();
                Iterator<RecordEntry> second = b.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return first.hasNext() || second.hasNext();
                    }

                    @Override
                    public RecordEntry next() {
                        if (first.hasNext()) {
                            return first.next();
                        }
                        if (second.hasNext()) {
                            return second.next();
                        }
                        throw new NoSuchElementException();
                    }
                };
            }

            @Override
            public int size() {
                return a.size() + b.size();
            }
        };
    }
}
