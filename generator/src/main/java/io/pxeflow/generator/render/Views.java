package io.pxeflow.generator.render;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What templates can see: plain maps built from records and settings. Every derived value
 * (paths, URLs, the APPEND line) is computed here once, so templates only arrange text and an
 * admin's override cannot get the semantics wrong.
 */
final class Views {
    private final GeneratorSettings s;

    Views(GeneratorSettings s) {
        this.s = s;
    }

    /**
     * Settings and the network as templates see them under {@code settings}. The single-network keys
     * (subnet, netmask, router, dns, domain, head, nextServer, ipxeChainUrl) describe the primary
     * subnet (the head node's, else the first), for templates written before there were several;
     * the built-in templates list {@code subnets}.
     */
    Map<String, Object> settings(NetworkPlan plan) {
        Map<String, Object> m = new HashMap<>();
        NetworkPlan.Served primary = primary(plan);
        m.put("subnet", primary == null ? null : primary.network().address().toString());
        m.put("netmask", primary == null ? null : primary.network().netmask().toString());
        m.put("prefixLength", primary == null ? null : primary.network().prefix());
        m.put("router", primary == null || primary.router() == null ? null : primary.router().toString());
        List<Ipv4Address> dns = primary == null ? List.of() : primary.dns();
        m.put("dns", dns.isEmpty() ? null : dns.stream().map(Object::toString).collect(Collectors.joining(", ")));
        m.put("dnsList", dns.stream().map(Object::toString).map(Views::item).toList());
        m.put("dnsCsv", dns.isEmpty() ? null : dns.stream().map(Object::toString).collect(Collectors.joining(",")));
        m.put("domain", primary == null ? null : primary.domain());
        m.put("head", plan.head() == null ? null : plan.head().toString());
        m.put("nextServer", primary == null ? null : primary.nextServer().toString());
        m.put("tftpRoot", s.tftpRoot().toString());
        m.put("biosBootFile", s.biosBootFile());
        m.put("efi64BootFile", s.efi64BootFile());
        m.put("ipxeChainUrl", primary == null ? null : primary.ipxeUrl());
        m.put("leaseSeconds", s.leaseSeconds());
        m.put("hostsDir", s.outputDir().resolve(ClusterRenderer.DNSMASQ_HOSTS_DIR).toString());
        m.put("generator", s.generatorId());
        m.put("keaOptions", primary == null ? List.of() : keaOptions(primary));
        return m;
    }

    private static NetworkPlan.Served primary(NetworkPlan plan) {
        if (plan.isEmpty()) {
            return null;
        }
        return plan.subnetOf(plan.head()).orElse(plan.subnets().get(0));
    }

    /**
     * One served network with what its clients are told; {@code nodes} and {@code hosts} are the
     * views of the records whose addresses lie in it.
     */
    Map<String, Object> subnet(NetworkPlan.Served n, List<Map<String, Object>> nodes, List<Map<String, Object>> hosts) {
        return subnet(n, nodes, hosts, !nodes.isEmpty(), !hosts.isEmpty());
    }

    /** As above, with the record lists as templates iterate them (lists, or sections rendered from cached text). */
    Map<String, Object> subnet(NetworkPlan.Served n, Object nodes, Object hosts, boolean hasNodes, boolean hasHosts) {
        Map<String, Object> m = new HashMap<>();
        m.put("network", n.network().toString());
        m.put("address", n.network().address().toString());
        m.put("netmask", n.network().netmask().toString());
        m.put("prefixLength", n.network().prefix());
        m.put("iface", n.iface());
        m.put("router", n.router() == null ? null : n.router().toString());
        m.put("dns", n.dns().isEmpty() ? null : n.dns().stream().map(Object::toString).collect(Collectors.joining(", ")));
        m.put("dnsCsv", n.dns().isEmpty() ? null : n.dns().stream().map(Object::toString).collect(Collectors.joining(",")));
        m.put("domain", n.domain());
        m.put("nextServer", n.nextServer().toString());
        m.put("ipxeChainUrl", n.ipxeUrl());
        // dnsmasq tags and Kea subnet ids must not change when another subnet is added: derive
        // them from the network itself. A network address is never 0 (prefix >= 8, not 0.0.0.0).
        m.put("tag", "pxeflow-" + n.network().address().toString().replace('.', '-') + "-" + n.network().prefix());
        m.put("keaId", n.network().address().unsigned());
        m.put("keaOptions", keaOptions(n));
        m.put("nodes", nodes);
        m.put("hosts", hosts);
        m.put("hasNodes", hasNodes);
        m.put("hasHosts", hasHosts);
        return m;
    }

    /** The root image a node of class {@code c} mounts, as exported (absolute), or null. */
    String rootImage(ClassSpec c) {
        return c.rootImage() == null ? null : imagePath(c.rootImage());
    }

    /** The cluster overlay a node of class {@code c} mounts, as exported (absolute), or null. */
    String overlay(ClassSpec c) {
        return c.overlay() == null ? null : imagePath(c.overlay());
    }

    Map<String, Object> node(NodeBootConfig n, NetworkPlan plan) {
        Map<String, Object> m = new HashMap<>();
        ClassSpec c = n.bootClass();
        m.put("name", n.node());
        String domain = plan.subnetOf(n.ip()).map(NetworkPlan.Served::domain).orElse(null);
        m.put("fqdn", domain == null ? n.node() : n.node() + "." + domain);
        m.put("domain", domain);
        m.put("index", n.index());
        m.put("ip", n.ip().toString());
        m.put("ipHex", n.ip().hex());
        m.put("generation", n.generation());
        m.put("sequence", (n.sequence() == null || n.sequence() == BootSequence.UNKNOWN ? BootSequence.PXE : n.sequence()).code());
        m.put("stage", n.stage().code());
        m.put("className", c.name());
        m.put("netboots", n.netboots());
        m.put("localboot", !n.netboots());
        m.put("wipe", n.wipe());
        String kernel = image(c.kernel());
        String initrd = image(c.initrd());
        m.put("kernel", kernel);
        m.put("kernelUrl", kernel == null ? null : url(kernel));
        m.put("tftpKernel", kernel == null ? null : tftpPath(kernel));
        m.put("initrd", initrd);
        m.put("initrdUrl", initrd == null ? null : url(initrd));
        m.put("tftpInitrd", initrd == null ? null : tftpPath(initrd));
        m.put("initrdName", initrd == null ? null : initrd.substring(initrd.lastIndexOf('/') + 1));
        String nfsServer = c.nfsServer() != null ? c.nfsServer() : s.nfsServer() != null ? s.nfsServer()
            : plan.head() != null ? plan.head().toString()
            // No master and no setting: the node's own subnet's next-server, which serves its boot files.
            : plan.subnetOf(n.ip()).map(x -> x.nextServer().toString()).orElse("head");
        String rootImage = rootImage(c);
        String overlay = overlay(c);
        String args = KernelArgs.of(n, s, rootImage, nfsServer);
        m.put("args", args);
        m.put("pxelinuxAppend", initrd == null ? args : "initrd=" + tftpPath(initrd) + " " + args);
        m.put("ipxeArgs", initrd == null ? args : "initrd=" + m.get("initrdName") + " " + args);
        m.put("diskless", rootImage != null);
        m.put("nfsServer", nfsServer);
        m.put("rootImage", rootImage);
        m.put("rootImageNfs", rootImage == null ? null : nfsServer + ":" + rootImage);
        m.put("overlay", overlay);
        m.put("overlayNfs", overlay == null ? null : nfsServer + ":" + overlay);
        m.put("overlayDir", s.overlaysExportDir().resolve(n.node()).toString());
        List<Map<String, Object>> macs = new ArrayList<>();
        int i = 0;
        for (MacAddress mac : n.macs()) {
            i++;
            Map<String, Object> mm = new HashMap<>();
            mm.put("mac", mac.value());
            mm.put("dashed", mac.dashed());
            // Host declarations need distinct names. '_' never occurs in an RFC 1123 node name,
            // so node15_2 cannot collide with a node called node15-2.
            mm.put("block", n.macs().size() == 1 ? n.node() : n.node() + "_" + i);
            mm.put("position", i);
            macs.add(mm);
        }
        m.put("macs", macs);
        m.put("macCsv", n.macs().stream().map(MacAddress::value).collect(Collectors.joining(",")));
        m.put("macsSpaced", n.macs().stream().map(MacAddress::value).collect(Collectors.joining(" ")));
        return m;
    }

    Map<String, Object> host(HostReservation h) {
        Map<String, Object> m = new HashMap<>();
        m.put("mac", h.mac().value());
        m.put("dashed", h.mac().dashed());
        m.put("block", "dev_" + h.mac().value().replace(":", ""));
        m.put("ip", h.ip().toString());
        m.put("name", h.names().isEmpty() ? null : h.names().get(0));
        m.put("names", h.names().isEmpty() ? null : String.join(" ", h.names()));
        m.put("nameOrIp", h.names().isEmpty() ? h.ip().toString() : h.names().get(0));
        m.put("generation", 0);
        return m;
    }

    /** Top-level view of a per-record template: the record's fields plus {@code settings}. */
    Map<String, Object> withSettings(Map<String, Object> record, NetworkPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>(record);
        m.put("settings", settings(plan));
        return m;
    }

    /** Kea option-data entries with their separating commas, since JSON has no trailing comma. */
    private static List<Map<String, Object>> keaOptions(NetworkPlan.Served n) {
        List<String[]> opts = new ArrayList<>();
        opts.add(new String[] {"subnet-mask", n.network().netmask().toString()});
        if (n.router() != null) {
            opts.add(new String[] {"routers", n.router().toString()});
        }
        if (!n.dns().isEmpty()) {
            opts.add(new String[] {"domain-name-servers", n.dns().stream().map(Object::toString).collect(Collectors.joining(", "))});
        }
        if (n.domain() != null) {
            opts.add(new String[] {"domain-name", n.domain()});
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < opts.size(); i++) {
            out.add(Map.of("name", opts.get(i)[0], "data", opts.get(i)[1], "comma", i < opts.size() - 1 ? "," : ""));
        }
        return out;
    }

    private static Map<String, Object> item(String v) {
        return Map.of("value", v);
    }

    private static String image(String v) {
        return v == null || ClassSpec.NONE.equals(v) ? null : v;
    }

    /** A kernel or initrd as the TFTP server serves it: relative to the TFTP root. */
    private String tftpPath(String path) {
        String root = s.tftpRoot().toString() + "/";
        if (path.startsWith(root)) {
            return path.substring(root.length());
        }
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private String url(String path) {
        return s.imageBaseUrl() + tftpPath(path);
    }

    private String imagePath(String path) {
        return path.startsWith("/") ? path : s.imagesDir().resolve(path).toString();
    }
}
