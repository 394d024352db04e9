package io.pxeflow.inventory;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Range;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.BootOverride;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an inventory back in ClusterWare syntax, canonically: the same inventory always gives the
 * same text, and {@link ScyldConfigParser#parse} of that text gives the inventory back. Order:
 * cluster settings (the networks as {@code interface} and {@code subnet} lines), hosts, classes
 * (the cluster default first), nodes by number with their sequence and, when known, stage, then
 * per-node image settings. A network read from an interface reads back the same only on a host
 * whose interface still has that network, as the parser reads it there again.
 */
public final class ScyldConfigWriter {
    private ScyldConfigWriter() {
    }

    public static String write(Inventory inventory) {
        ClusterInventory c = inventory.cluster();
        List<List<String>> sections = new ArrayList<>();
        sections.add(clusterLines(c));
        sections.add(c.hosts().stream().map(ScyldConfigWriter::host).toList());
        sections.add(classLines(c.classes()));
        sections.add(inventory.nodes().stream().map(n -> node(c, n)).toList());
        sections.add(overrideLines(inventory.nodes()));
        StringBuilder out = new StringBuilder("# pxeflow inventory in ClusterWare /etc/beowulf/config syntax\n");
        for (List<String> section : sections) {
            if (!section.isEmpty()) {
                out.append('\n');
                section.forEach(line -> out.append(line).append('\n'));
            }
        }
        return out.toString();
    }

    private static List<String> clusterLines(ClusterInventory c) {
        List<String> lines = new ArrayList<>();
        if (c.nodeCount() != null) {
            lines.add("nodes " + c.nodeCount());
        }
        if (!ClusterInventory.DEFAULT_NAME_PATTERN.equals(c.namePattern())) {
            lines.add("nodename " + c.namePattern());
        }
        if (c.master() != null) {
            lines.add("master " + c.master());
        }
        c.subnets().stream().filter(s -> s.iface() != null).findFirst().ifPresent(s -> lines.add("interface " + s.iface()));
        for (Subnet s : c.subnets()) {
            // The interface's network is read again at import; a line is needed only for its options.
            if (s.iface() == null || !s.bare()) {
                lines.add(subnet(s));
            }
        }
        if (c.ipRange() != null) {
            lines.add("iprange " + range(c.ipRange()));
        }
        c.hostRanges().forEach(r -> lines.add("hostrange " + range(r)));
        return lines;
    }

    private static String subnet(Subnet s) {
        StringBuilder line = new StringBuilder("subnet ").append(s.network());
        for (SubnetKey key : SubnetKey.values()) {
            String value = key.get(s);
            if (value != null) {
                line.append(' ').append(key.keyword()).append(' ').append(writable(value));
            }
        }
        return line.toString();
    }

    private static String range(Ipv4Range r) {
        return r.first() + " " + r.last();
    }

    private static String host(HostReservation h) {
        StringBuilder line = new StringBuilder("host ").append(h.mac()).append(' ').append(h.ip());
        h.names().forEach(n -> line.append(' ').append(n));
        return line.toString();
    }

    private static List<String> classLines(Map<String, ClassSpec> classes) {
        List<String> lines = new ArrayList<>();
        ClassSpec defaults = classes.get(ClassSpec.DEFAULT_NAME);
        if (defaults != null) {
            lines.addAll(classSpecLines(defaults, true));
        }
        new TreeMap<>(classes).forEach((name, spec) -> {
            if (!name.equals(ClassSpec.DEFAULT_NAME)) {
                if (!lines.isEmpty()) {
                    lines.add("");
                }
                lines.addAll(classSpecLines(spec, false));
            }
        });
        return lines;
    }

    /** The default class is written as ClusterWare's bare {@code kernelimage X} where that reads back the same. */
    private static List<String> classSpecLines(ClassSpec spec, boolean isDefault) {
        List<String> lines = new ArrayList<>();
        for (ClassKey key : ClassKey.values()) {
            String value = key.get(spec);
            if (value != null) {
                String bare = key.keyword() + " " + writable(value);
                boolean bareReadsBack = isDefault && key.perNode() && !startsWithSelection(value);
                lines.add(bareReadsBack ? bare : "class " + spec.name() + " " + bare);
            }
        }
        if (lines.isEmpty()) {
            lines.add("class " + spec.name());
        }
        return lines;
    }

    private static boolean startsWithSelection(String value) {
        String[] words = value.split(" ");
        return words.length > 1 && NodeSelection.looksLikeSelection(words[0]);
    }

    private static String node(ClusterInventory c, NodeEntry n) {
        NodeSpec s = n.spec();
        StringBuilder line = new StringBuilder("node ").append(s.index());
        if (!ClassSpec.DEFAULT_NAME.equals(s.bootClass().name())) {
            line.append(' ').append(s.bootClass().name());
        }
        line.append(' ').append(s.sequence().code());
        if (n.stage() != null) {
            line.append(' ').append(n.stage().code());
        }
        if (!s.name().equals(c.nodeName(s.index()))) {
            line.append(" name=").append(s.name());
        }
        if (s.ip() != null && !s.ip().equals(derivedAddress(c, s.index()))) {
            line.append(" ip=").append(s.ip());
        }
        bmc(line, s.bmc());
        s.macs().forEach(m -> line.append(' ').append(m));
        return line.toString();
    }

    /** The node's own BMC settings (not its class's defaults, which the class lines carry). */
    private static void bmc(StringBuilder line, BmcSpec bmc) {
        if (bmc == null) {
            return;
        }
        line.append(' ').append(NodeBmcKeys.ADDRESS).append(bmc.address());
        if (bmc.protocol() != null) {
            line.append(' ').append(NodeBmcKeys.PROTOCOL).append(bmc.protocol().code());
        }
        if (bmc.credentials() != null) {
            line.append(' ').append(NodeBmcKeys.CREDENTIALS).append(bmc.credentials());
        }
    }

    private static Ipv4Address derivedAddress(ClusterInventory c, int index) {
        return c.rangeAddress(index).orElse(null);
    }

    private static List<String> overrideLines(List<NodeEntry> nodes) {
        List<String> lines = new ArrayList<>();
        for (NodeEntry n : nodes) {
            BootOverride o = n.spec().override();
            if (o == null) {
                continue;
            }
            for (ClassKey key : ClassKey.values()) {
                String value = key.perNode() ? key.get(o) : null;
                if (value != null) {
                    lines.add(key.keyword() + " " + n.index() + " " + writable(value));
                }
            }
        }
        return lines;
    }

    /** Refuses values the file syntax cannot carry instead of writing a file that reads back differently. */
    private static String writable(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("an empty value cannot be written (use none)");
        }
        for (String word : value.split(" ")) {
            if (word.startsWith("#")) {
                throw new IllegalArgumentException("a word starting with '#' would be read as a comment: " + value);
            }
        }
        if (value.endsWith("\\")) {
            throw new IllegalArgumentException("a trailing '\\' would join the next line: " + value);
        }
        return value;
    }
}
