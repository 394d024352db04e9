package io.pxeflow.generator.render;

import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Renders config records into files. Two kinds: a record's own files (its pxelinux, iPXE and
 * GRUB configs, its dnsmasq hosts file, its overlay pointers), which depend on that record only;
 * and shared files (dhcpd.conf, Kea, hosts, ethers, exports, cluster.conf), which list the whole
 * snapshot. Pure: no I/O besides reading templates, no clock, so output is reproducible.
 */
public final class ClusterRenderer {
    public static final String DNSMASQ_HOSTS_DIR = "dnsmasq/hosts.d";
    public static final String PXELINUX_DIR = "tftpboot/pxelinux.cfg";
    public static final String IPXE_DIR = "tftpboot/ipxe";
    public static final String GRUB_DIR = "tftpboot/grub";
    public static final String OVERLAYS_DIR = "overlays";
    /** The admin's list of extra writable files in a node overlay; created once, never overwritten. */
    public static final String OVERLAY_CUSTOM_FILE = "files.custom";

    private final GeneratorSettings settings;
    private final TemplateSet templates;
    private final FormatRules rules;
    private final Views views;
    /** See {@link #sharedAffectedBy}. */
    private final Set<Output> bootStateShared;
    /** Every cluster-wide output. */
    public static final Set<Output> SHARED = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(Output.DHCPD,
        Output.DNSMASQ, Output.KEA, Output.HOSTS, Output.ETHERS, Output.EXPORTS, Output.CLUSTER_CONF));

    public ClusterRenderer(GeneratorSettings settings) {
        this(settings, new TemplateSet(settings.templateDir()));
    }

    public ClusterRenderer(GeneratorSettings settings, TemplateSet templates) {
        this.settings = settings;
        this.templates = templates;
        this.rules = new FormatRules(settings);
        this.views = new Views(settings);
        java.util.EnumSet<Output> boot = java.util.EnumSet.of(Output.CLUSTER_CONF);
        Map<Output, List<String>> sharedTemplates = Map.of(Output.DHCPD, List.of("dhcpd.conf", "dhcpd-header"),
            Output.DNSMASQ, List.of("dnsmasq.conf"), Output.KEA, List.of("kea-dhcp4.json"), Output.HOSTS, List.of("hosts"),
            Output.ETHERS, List.of("ethers"), Output.EXPORTS, List.of("exports"));
        sharedTemplates.forEach((output, names) -> {
            if (names.stream().anyMatch(templates::overridden)) {
                boot.add(output);
            }
        });
        this.bootStateShared = java.util.Collections.unmodifiableSet(boot);
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** Why {@code record} cannot be rendered into the enabled outputs; empty when it can. */
    public Optional<String> refusal(ConfigRecord record) {
        return rules.refusal(record);
    }

    /** The overlay directory of a node, relative to the output directory. */
    public static String overlayDir(String node) {
        return OVERLAYS_DIR + "/" + node;
    }

    /** Whether this node gets a per-node overlay (a diskless class: it has a root image). */
    public boolean hasOverlay(NodeBootConfig n) {
        return settings.enabled(Output.OVERLAYS) && n.bootClass().rootImage() != null;
    }

    /** The record's own files, for every enabled output, as rendered for a cluster with no network. */
    public List<RenderedFile> renderRecord(ConfigRecord record) {
        return renderRecord(record, NetworkPlan.none());
    }

    /** The record's own files, for every enabled output, on the cluster's network {@code plan}. */
    public List<RenderedFile> renderRecord(ConfigRecord record, NetworkPlan plan) {
        List<RenderedFile> out = new ArrayList<>();
        if (record instanceof HostReservation h) {
            if (settings.enabled(Output.DNSMASQ)) {
                out.add(new RenderedFile(Output.DNSMASQ, DNSMASQ_HOSTS_DIR + "/host-" + h.mac().dashed(),
                    templates.render("dnsmasq-host", views.withSettings(views.host(h), plan))));
            }
            return out;
        }
        NodeBootConfig n = (NodeBootConfig) record;
        Map<String, Object> view = views.withSettings(views.node(n, plan), plan);
        if (settings.enabled(Output.DNSMASQ)) {
            out.add(new RenderedFile(Output.DNSMASQ, DNSMASQ_HOSTS_DIR + "/" + n.node(), templates.render("dnsmasq-node", view)));
        }
        if (settings.enabled(Output.PXELINUX)) {
            String text = templates.render("pxelinux", view);
            for (MacAddress mac : n.macs()) {
                out.add(new RenderedFile(Output.PXELINUX, PXELINUX_DIR + "/" + mac.pxelinuxName(), text));
            }
            if (settings.pxelinuxHexIp()) {
                out.add(new RenderedFile(Output.PXELINUX, PXELINUX_DIR + "/" + n.ip().hex(), text));
            }
        }
        if (settings.enabled(Output.IPXE)) {
            String text = templates.render("ipxe", view);
            for (MacAddress mac : n.macs()) {
                out.add(new RenderedFile(Output.IPXE, IPXE_DIR + "/" + mac.dashed() + ".ipxe", text));
            }
        }
        if (settings.enabled(Output.GRUB)) {
            String text = templates.render("grub", view);
            for (MacAddress mac : n.macs()) {
                out.add(new RenderedFile(Output.GRUB, GRUB_DIR + "/grub.cfg-" + mac.pxelinuxName(), text));
            }
        }
        if (hasOverlay(n)) {
            String dir = overlayDir(n.node());
            out.add(new RenderedFile(Output.OVERLAYS, dir + "/pxeflow.root", templates.render("overlay-root", view)));
            out.add(new RenderedFile(Output.OVERLAYS, dir + "/pxeflow.overlay", templates.render("overlay-overlay", view)));
            out.add(new RenderedFile(Output.OVERLAYS, dir + "/files", templates.render("overlay-files", view)));
        }
        return out;
    }

    /** Every enabled shared file, listing the whole snapshot. */
    public List<RenderedFile> renderShared(ClusterSnapshot snapshot) {
        return renderShared(snapshot, SHARED);
    }

    /** The cluster-wide files of the given outputs (those enabled). */
    public List<RenderedFile> renderShared(ClusterSnapshot snapshot, Set<Output> only) {
        Map<String, Object> view = sharedView(snapshot);
        List<RenderedFile> out = new ArrayList<>();
        shared(out, only, Output.DHCPD, "dhcpd.conf", "dhcpd.conf", view);
        shared(out, only, Output.DNSMASQ, "dnsmasq/pxeflow.conf", "dnsmasq.conf", view);
        shared(out, only, Output.KEA, "kea-dhcp4.json", "kea-dhcp4.json", view);
        shared(out, only, Output.HOSTS, "hosts", "hosts", view);
        shared(out, only, Output.ETHERS, "ethers", "ethers", view);
        shared(out, only, Output.EXPORTS, "exports", "exports", view);
        shared(out, only, Output.CLUSTER_CONF, "cluster.conf", "cluster.conf", view);
        return out;
    }

    /**
     * The shared outputs that replacing {@code before} with {@code after} can change. A stage
     * flip is most of the traffic and changes a node's boot state only (stage, wipe flag,
     * generation); of the built-in shared templates only cluster.conf shows that, so the other
     * shared files need not be rendered again for it. An overridden template may show anything.
     */
    public Set<Output> sharedAffectedBy(ConfigRecord before, ConfigRecord after) {
        if (before instanceof NodeBootConfig b && after instanceof NodeBootConfig a && sameButBootState(b, a)) {
            return bootStateShared;
        }
        return SHARED;
    }

    private static boolean sameButBootState(NodeBootConfig b, NodeBootConfig a) {
        return b.node().equals(a.node()) && b.index() == a.index() && b.macs().equals(a.macs()) && b.ip().equals(a.ip())
            && b.sequence() == a.sequence() && b.bootClass().equals(a.bootClass());
    }

    private void shared(List<RenderedFile> out, Set<Output> only, Output o, String path, String template,
                        Map<String, Object> view) {
        if (only.contains(o) && settings.enabled(o)) {
            out.add(new RenderedFile(o, path, templates.render(template, view)));
        }
    }

    private Map<String, Object> sharedView(ClusterSnapshot snapshot) {
        NetworkPlan plan = snapshot.network();
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> diskless = new ArrayList<>();
        Map<String, List<Map<String, Object>>> byRootImage = new LinkedHashMap<>();
        Map<NetworkPlan.Served, List<Map<String, Object>>> nodesBySubnet = new LinkedHashMap<>();
        Map<NetworkPlan.Served, List<Map<String, Object>>> hostsBySubnet = new LinkedHashMap<>();
        plan.subnets().forEach(n -> {
            nodesBySubnet.put(n, new ArrayList<>());
            hostsBySubnet.put(n, new ArrayList<>());
        });
        List<Map<String, Object>> outside = new ArrayList<>();
        for (NodeBootConfig n : snapshot.nodesByName().values()) {
            Map<String, Object> v = views.node(n, plan);
            nodes.add(v);
            plan.subnetOf(n.ip()).ifPresentOrElse(s -> nodesBySubnet.get(s).add(v),
                () -> outside.add(Map.of("what", "node " + n.node(), "ip", n.ip().toString())));
            if (hasOverlay(n)) {
                diskless.add(v);
            }
            if (v.get("rootImage") != null) {
                byRootImage.computeIfAbsent((String) v.get("rootImage"), k -> new ArrayList<>()).add(v);
            }
            if (v.get("overlay") != null) {
                byRootImage.computeIfAbsent((String) v.get("overlay"), k -> new ArrayList<>()).add(v);
            }
        }
        List<Map<String, Object>> images = new ArrayList<>();
        byRootImage.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Map<String, Object> img = new HashMap<>();
            img.put("path", e.getKey());
            img.put("nodes", e.getValue());
            // One export line per image; exports(5) continues a line after a backslash.
            StringBuilder clients = new StringBuilder();
            for (Map<String, Object> node : e.getValue()) {
                clients.append(" \\\n    ").append(node.get("ip")).append("(ro,sync,no_root_squash,no_subtree_check)");
            }
            img.put("clients", clients.toString());
            images.add(img);
        });
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (HostReservation h : snapshot.hostsByMac().values()) {
            Map<String, Object> v = views.host(h);
            hosts.add(v);
            plan.subnetOf(h.ip()).ifPresentOrElse(s -> hostsBySubnet.get(s).add(v),
                () -> outside.add(Map.of("what", "host " + v.get("nameOrIp"), "ip", h.ip().toString())));
        }
        List<Map<String, Object>> subnets = new ArrayList<>();
        for (NetworkPlan.Served s : plan.subnets()) {
            Map<String, Object> sv = views.subnet(s, nodesBySubnet.get(s), hostsBySubnet.get(s));
            sv.put("reservations", reservations(nodesBySubnet.get(s), hostsBySubnet.get(s)));
            sv.put("comma", subnets.size() < plan.subnets().size() - 1 ? "," : "");
            subnets.add(sv);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("settings", views.settings(plan));
        m.put("subnets", subnets);
        m.put("outside", outside);
        m.put("nodes", nodes);
        m.put("hosts", hosts);
        m.put("hasHosts", !hosts.isEmpty());
        m.put("hasNodes", !nodes.isEmpty());
        m.put("rootImages", images);
        m.put("overlayNodes", settings.enabled(Output.OVERLAYS) ? diskless : List.of());
        m.put("nodeCount", nodes.size());
        m.put("hostCount", hosts.size());
        m.put("reservations", reservations(nodes, hosts));
        ClusterConfView.addTo(m, snapshot);
        return m;
    }

    /** The nodes and devices of {@code snapshot} whose addresses lie in none of its subnets: no DHCP file serves them. */
    public static List<String> outsideTheNetwork(ClusterSnapshot snapshot) {
        NetworkPlan plan = snapshot.network();
        List<String> out = new ArrayList<>();
        snapshot.nodesByName().values().stream().filter(n -> plan.subnetOf(n.ip()).isEmpty())
            .forEach(n -> out.add(n.node() + " (" + n.ip() + ")"));
        snapshot.hostsByMac().values().stream().filter(h -> plan.subnetOf(h.ip()).isEmpty())
            .forEach(h -> out.add((h.names().isEmpty() ? h.mac().value() : h.names().get(0)) + " (" + h.ip() + ")"));
        return out;
    }

    /** Kea wants one flat list of reservations with JSON commas between them, nodes then devices. */
    private static List<Map<String, Object>> reservations(List<Map<String, Object>> nodes, List<Map<String, Object>> hosts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> n : nodes) {
            for (Object o : (List<?>) n.get("macs")) {
                Map<?, ?> mac = (Map<?, ?>) o;
                Map<String, Object> r = new HashMap<>();
                r.put("mac", mac.get("mac"));
                r.put("ip", n.get("ip"));
                r.put("hostname", n.get("name"));
                r.put("node", true);
                out.add(r);
            }
        }
        for (Map<String, Object> h : hosts) {
            Map<String, Object> r = new HashMap<>();
            r.put("mac", h.get("mac"));
            r.put("ip", h.get("ip"));
            r.put("hostname", h.get("name"));
            r.put("node", false);
            out.add(r);
        }
        for (int i = 0; i < out.size(); i++) {
            out.get(i).put("comma", i < out.size() - 1 ? "," : "");
        }
        return out;
    }

    /** cluster.conf in ClusterWare syntax: one class block per class name, per-node lines where a node deviates. */
    static final class ClusterConfView {
        private ClusterConfView() {
        }

        static void addTo(Map<String, Object> m, ClusterSnapshot snapshot) {
            Map<String, ClassSpec> classes = new LinkedHashMap<>();
            List<Map<String, Object>> overrides = new ArrayList<>();
            for (NodeBootConfig n : snapshot.nodesByName().values()) {
                ClassSpec c = n.bootClass();
                ClassSpec first = classes.putIfAbsent(c.name(), c);
                if (first != null && !first.equals(c)) {
                    // An effective class differing from its namesake is a per-node override.
                    addOverride(overrides, n, "kernelimage", first.kernel(), c.kernel());
                    addOverride(overrides, n, "initrdimage", first.initrd(), c.initrd());
                    addOverride(overrides, n, "kernelcommandline", first.cmdline(), c.cmdline());
                }
            }
            List<Map<String, Object>> classViews = new ArrayList<>();
            classes.values().stream().sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name())).forEach(c -> {
                Map<String, Object> cv = new HashMap<>();
                cv.put("name", c.name());
                cv.put("kernel", orNone(c.kernel()));
                cv.put("initrd", orNone(c.initrd()));
                cv.put("cmdline", orNone(c.cmdline()));
                classViews.add(cv);
            });
            m.put("classes", classViews);
            m.put("nodeOverrides", overrides);
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
    }
}
