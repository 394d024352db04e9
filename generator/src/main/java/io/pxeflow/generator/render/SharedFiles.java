package io.pxeflow.generator.render;

import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.io.Writer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The cluster-wide files (dhcpd.conf, Kea, the dnsmasq snippet, hosts, ethers, exports,
 * cluster.conf), kept up to date one record at a time. Two things make a change cost what it
 * changes rather than what the cluster holds:
 *
 * <ul>
 * <li><b>Which files a change can reach</b> is read from the templates: a record whose place in
 * the lists is the same (same address, MACs and class: a stage flip, a wipe flag, a new
 * generation) reaches a file only if its template looks up one of the view values that changed.
 * A stage flip changes {@code stage}, which only cluster.conf prints, so the DHCP files, hosts,
 * ethers and exports are not even assembled. A new record, a removal or a new address reaches
 * every file.</li>
 * <li><b>Assembling a file</b> that a change reaches renders the changed records' lines only: the
 * templates iterate {@link CachedSection}s that copy every other record's text from its last
 * render (see {@link SharedIndex}). What remains proportional to the cluster is copying those
 * strings into the file, and writing it.</li>
 * </ul>
 *
 * A shared template the admin replaced is rendered whole, with plain lists, whenever a change
 * reaches it (its sections may use what a cached section cannot give, such as {@code -first}):
 * that file costs what the cluster holds. Partials (dhcpd-header) may be replaced freely.
 */
public final class SharedFiles {
    /** A shared output: where it is written and the template that renders it. */
    private record Shared(String path, String template) {
    }

    private static final Map<Output, Shared> FILES = new EnumMap<>(Map.of(
        Output.DHCPD, new Shared("dhcpd.conf", "dhcpd.conf"),
        Output.DNSMASQ, new Shared("dnsmasq/pxeflow.conf", "dnsmasq.conf"),
        Output.KEA, new Shared("kea-dhcp4.json", "kea-dhcp4.json"),
        Output.HOSTS, new Shared("hosts", "hosts"),
        Output.ETHERS, new Shared("ethers", "ethers"),
        Output.EXPORTS, new Shared("exports", "exports"),
        Output.CLUSTER_CONF, new Shared("cluster.conf", "cluster.conf")));

    private final TemplateSet templates;
    private final Views views;
    private final SharedIndex index;
    private final Set<Output> enabled;
    /** Outputs whose template the admin replaced: rendered with plain lists. */
    private final Set<Output> whole = EnumSet.noneOf(Output.class);
    /** The names each output's template looks up, read once. */
    private final Map<Output, Set<String>> names = new EnumMap<>(Output.class);
    /** Each file's last length: the next render of it starts with room for it instead of doubling its way there. */
    private final Map<Output, Integer> lastLength = new EnumMap<>(Output.class);

    SharedFiles(GeneratorSettings settings, TemplateSet templates, Views views) {
        this.templates = templates;
        this.views = views;
        this.index = new SharedIndex(views, settings.enabled(Output.OVERLAYS));
        EnumSet<Output> on = EnumSet.noneOf(Output.class);
        FILES.forEach((o, f) -> {
            if (settings.enabled(o)) {
                on.add(o);
            }
            if (templates.overridden(f.template())) {
                whole.add(o);
            }
        });
        this.enabled = Collections.unmodifiableSet(on);
    }

    /** Every enabled shared output. */
    public Set<Output> outputs() {
        return enabled;
    }

    /** The networks served. */
    public NetworkPlan network() {
        return index.network();
    }

    /** Serves {@code plan} from now on; every shared file may change. */
    public Set<Output> network(NetworkPlan plan) {
        index.network(plan);
        return enabled;
    }

    /**
     * Replaces {@code before} (null: a new record) with {@code after}, which the caller has checked
     * for conflicts; the outputs whose text this can change.
     */
    public Set<Output> put(ConfigRecord before, ConfigRecord after) {
        if (before != null && before.equals(after)) {
            return Set.of();
        }
        if (before != null) {
            unindex(before);
        }
        index(after);
        if (before instanceof NodeBootConfig b && after instanceof NodeBootConfig a && samePlace(b, a)) {
            return reachedBy(b, a);
        }
        return enabled;
    }

    /** Removes {@code old}; every shared file may change. */
    public Set<Output> remove(ConfigRecord old) {
        unindex(old);
        return enabled;
    }

    /** Nodes and devices that no DHCP file serves, their address lying in no subnet: {@code name (ip)}. */
    public List<String> outside() {
        return index.outside();
    }

    /** The current text of shared output {@code o} (an enabled one). */
    public RenderedFile render(Output o) {
        Shared f = FILES.get(o);
        int last = lastLength.getOrDefault(o, 0);
        StringBuilderWriter out = new StringBuilderWriter(Math.max(1 << 16, last + last / 16));
        try {
            templates.render(f.template(), index.view(!whole.contains(o)), out);
        } finally {
            index.endRender();
        }
        String text = out.toString();
        lastLength.put(o, text.length());
        return new RenderedFile(o, f.path(), text);
    }

    /** Renders {@code o} the slow way, every record from a fresh view: the reference the cached way must equal. */
    RenderedFile renderWhole(Output o) {
        Shared f = FILES.get(o);
        try {
            return new RenderedFile(o, f.path(), templates.render(f.template(), index.view(false)));
        } finally {
            index.endRender();
        }
    }

    /**
     * A record that keeps its place in every list (its address, MACs and class: what the lists
     * are sorted and split by) reaches the files whose templates look up a view value that changed.
     */
    private static boolean samePlace(NodeBootConfig b, NodeBootConfig a) {
        return b.node().equals(a.node()) && b.ip().equals(a.ip()) && b.macs().equals(a.macs())
            && b.bootClass().equals(a.bootClass());
    }

    private Set<Output> reachedBy(NodeBootConfig before, NodeBootConfig after) {
        Map<String, Object> b = views.node(before, index.network());
        Map<String, Object> a = views.node(after, index.network());
        Set<String> changed = new HashSet<>();
        for (String k : b.keySet()) {
            if (!Objects.equals(b.get(k), a.get(k))) {
                changed.add(k);
            }
        }
        if (changed.isEmpty()) {
            return Set.of();
        }
        EnumSet<Output> reached = EnumSet.noneOf(Output.class);
        for (Output o : enabled) {
            Set<String> looked = names(o);
            if (looked == null || !Collections.disjoint(looked, changed)) {
                reached.add(o);
            }
        }
        return reached;
    }

    /** The names output {@code o}'s template looks up; null when it does not compile (it may look up anything). */
    private Set<String> names(Output o) {
        Set<String> known = names.get(o);
        if (known == null) {
            try {
                known = templates.names(FILES.get(o).template());
            } catch (TemplateSet.TemplateException e) {
                return null;
            }
            names.put(o, known);
        }
        return known;
    }

    private void index(ConfigRecord r) {
        if (r instanceof NodeBootConfig n) {
            index.put(n);
        } else if (r instanceof HostReservation h) {
            index.put(h);
        }
    }

    private void unindex(ConfigRecord r) {
        if (r instanceof NodeBootConfig n) {
            index.remove(n);
        } else if (r instanceof HostReservation h) {
            index.remove(h);
        }
    }

    /** A Writer on a StringBuilder: StringWriter's StringBuffer locks on every write, and a file is ~10^5 writes. */
    private static final class StringBuilderWriter extends Writer {
        private final StringBuilder sb;

        StringBuilderWriter(int capacity) {
            sb = new StringBuilder(capacity);
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            sb.append(cbuf, off, len);
        }

        @Override
        public void write(String str) {
            sb.append(str);
        }

        @Override
        public void write(String str, int off, int len) {
            sb.append(str, off, off + len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
