package io.pxeflow.generator.render;

import io.pxeflow.protocol.field.BootFiles;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /** The TFTP root; the boot files under it are named by {@link BootFiles}, the one rule the bridge reads them back by. */
    public static final String TFTP_DIR = "tftpboot";
    public static final String PXELINUX_DIR = TFTP_DIR + "/" + BootFiles.PXELINUX_DIR;
    public static final String IPXE_DIR = TFTP_DIR + "/" + BootFiles.IPXE_DIR;
    public static final String GRUB_DIR = TFTP_DIR + "/" + BootFiles.GRUB_DIR;
    public static final String OVERLAYS_DIR = "overlays";
    /** The admin's list of extra writable files in a node overlay; created once, never overwritten. */
    public static final String OVERLAY_CUSTOM_FILE = "files.custom";

    private final GeneratorSettings settings;
    private final TemplateSet templates;
    private final FormatRules rules;
    private final Views views;
    /** Every cluster-wide output. */
    public static final Set<Output> SHARED = java.util.Collections.unmodifiableSet(java.util.EnumSet.of(Output.DHCPD,
        Output.DNSMASQ, Output.KEA, Output.HOSTS, Output.ETHERS, Output.EXPORTS, Output.CLUSTER_CONF));
    /** The order {@link #renderShared} lists them in. */
    private static final List<Output> SHARED_ORDER = List.of(Output.DHCPD, Output.DNSMASQ, Output.KEA, Output.HOSTS,
        Output.ETHERS, Output.EXPORTS, Output.CLUSTER_CONF);

    public ClusterRenderer(GeneratorSettings settings) {
        this(settings, new TemplateSet(settings.templateDir()));
    }

    public ClusterRenderer(GeneratorSettings settings, TemplateSet templates) {
        this.settings = settings;
        this.templates = templates;
        this.rules = new FormatRules(settings);
        this.views = new Views(settings);
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
                out.add(new RenderedFile(Output.PXELINUX, TFTP_DIR + "/" + BootFiles.pxelinux(mac), text));
            }
            if (settings.pxelinuxHexIp()) {
                out.add(new RenderedFile(Output.PXELINUX, TFTP_DIR + "/" + BootFiles.pxelinux(n.ip()), text));
            }
        }
        if (settings.enabled(Output.IPXE)) {
            String text = templates.render("ipxe", view);
            for (MacAddress mac : n.macs()) {
                out.add(new RenderedFile(Output.IPXE, TFTP_DIR + "/" + BootFiles.ipxe(mac), text));
            }
        }
        if (settings.enabled(Output.GRUB)) {
            String text = templates.render("grub", view);
            for (MacAddress mac : n.macs()) {
                out.add(new RenderedFile(Output.GRUB, TFTP_DIR + "/" + BootFiles.grub(mac), text));
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

    /** The shared files, kept up to date one record at a time; see {@link SharedFiles}. */
    public SharedFiles sharedFiles() {
        return new SharedFiles(settings, templates, views);
    }

    /** Every enabled shared file, listing the whole snapshot. */
    public List<RenderedFile> renderShared(ClusterSnapshot snapshot) {
        return renderShared(snapshot, SHARED);
    }

    /** The cluster-wide files of the given outputs (those enabled), rendered from scratch. */
    public List<RenderedFile> renderShared(ClusterSnapshot snapshot, Set<Output> only) {
        SharedFiles shared = sharedFiles();
        shared.network(snapshot.network());
        snapshot.nodes().forEach(n -> shared.put(null, n));
        snapshot.hosts().forEach(h -> shared.put(null, h));
        List<RenderedFile> out = new ArrayList<>();
        for (Output o : SHARED_ORDER) {
            if (only.contains(o) && shared.outputs().contains(o)) {
                out.add(shared.render(o));
            }
        }
        return out;
    }
}
