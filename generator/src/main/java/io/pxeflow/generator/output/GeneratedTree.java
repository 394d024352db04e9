package io.pxeflow.generator.output;

import io.pxeflow.generator.render.ClusterRenderer;
import io.pxeflow.generator.render.ClusterSnapshot;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.generator.render.NetworkContradiction;
import io.pxeflow.generator.render.NetworkPlan;
import io.pxeflow.generator.render.Output;
import io.pxeflow.generator.render.RenderedFile;
import io.pxeflow.generator.render.SharedFiles;
import io.pxeflow.generator.render.TemplateSet;
import io.pxeflow.inventory.HostInterfaces;
import io.pxeflow.protocol.TopicKeys;
import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.ConfigOutcome;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output directory kept in step with the config topic. A record's own files are written as
 * soon as it is applied; shared files (dhcpd.conf, Kea, hosts, ...) are assembled again only when
 * a change can reach them, from every other record's cached lines ({@link SharedFiles}), and
 * written only if their text changed. So a one-node change renders that node's files and lines,
 * rewrites the shared files whose text actually differs, and nothing else.
 *
 * <p>A record that cannot be rendered is refused and leaves the snapshot and every file as they
 * were. Shared files can be held back ({@code writeShared=false}) while a fresh worker replays the
 * topic, so dhcpd never sees a half-loaded cluster. Not thread-safe: one worker thread owns it.
 */
public final class GeneratedTree {
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedTree.class);

    private final GeneratorSettings settings;
    private final ClusterRenderer renderer;
    private final AtomicFileWriter writer;
    private final AtomicFileWriter plainWriter = new AtomicFileWriter(PreSwapValidator.NONE);
    private final Path root;
    private final Manifest manifest;
    private final OverlayDirectories overlays;
    private final ClusterSnapshot.Builder cluster = ClusterSnapshot.builder();
    /** Applied records whose shared files have not been written yet: reported when they are. */
    private final Map<String, KeyOutcome> awaitingShared = new LinkedHashMap<>();
    /** The shared files, one record at a time. */
    private final SharedFiles shared;
    /** Last text of each shared file as on disk, so an unchanged 10 MB dhcpd.conf is not re-read. */
    private final Map<String, String> sharedOnDisk = new HashMap<>();
    /** Shared outputs to render again: changed records may have changed them. */
    private final EnumSet<Output> sharedDirty = EnumSet.copyOf(ClusterRenderer.SHARED);
    private final HostInterfaces interfaces;
    /** The network changed: every record's own files are rendered again at the next apply. */
    private boolean recordsStale;
    /** What the last shared render left out of the DHCP files, to warn once per change. */
    private List<String> outside = List.of();

    public GeneratedTree(GeneratorSettings settings, PreSwapValidator validator, Clock clock) {
        this(settings, validator, clock, HostInterfaces.system());
    }

    public GeneratedTree(GeneratorSettings settings, PreSwapValidator validator, Clock clock, HostInterfaces interfaces) {
        this(new ClusterRenderer(settings, new TemplateSet(settings.templateDir())), validator, clock, interfaces);
    }

    public GeneratedTree(ClusterRenderer renderer, PreSwapValidator validator, Clock clock) {
        this(renderer, validator, clock, HostInterfaces.system());
    }

    public GeneratedTree(ClusterRenderer renderer, PreSwapValidator validator, Clock clock, HostInterfaces interfaces) {
        this.interfaces = interfaces;
        this.settings = renderer.settings();
        this.renderer = renderer;
        this.writer = new AtomicFileWriter(validator);
        this.root = settings.outputDir();
        this.overlays = new OverlayDirectories(root.resolve(ClusterRenderer.OVERLAYS_DIR), settings.overlayTemplateDir(), clock);
        try {
            int stale = AtomicFileWriter.removeStaleTemps(root);
            if (stale > 0) {
                LOG.info("removed {} temp files a stopped generator left under {}", stale, root);
            }
            this.manifest = Manifest.load(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest under " + root, e);
        }
        // Until an inventory is read: the settings' network if they name one (an inventory written
        // before subnets existed declares none), else none.
        this.shared = renderer.sharedFiles();
        cluster.network(NetworkPlan.of(ClusterInventory.empty(), settings, interfaces));
        shared.network(cluster.network());
    }

    public ClusterSnapshot snapshot() {
        return cluster.snapshot();
    }

    public Set<String> keys() {
        return new HashSet<>(cluster.keys());
    }

    /**
     * Serves the networks of {@code inventory} (null: none) from the next apply on. A setting or
     * this host's interface that contradicts them throws {@link NetworkContradiction} and changes
     * nothing: the files keep serving the network they served.
     */
    public NetworkPlan network(ClusterInventory inventory) {
        NetworkPlan plan = NetworkPlan.of(inventory == null ? ClusterInventory.empty() : inventory, settings, interfaces);
        if (!plan.equals(cluster.network())) {
            cluster.network(plan);
            recordsStale = !cluster.keys().isEmpty();
            sharedDirty.addAll(shared.network(plan));
        }
        return plan;
    }

    /** The networks currently served. */
    public NetworkPlan network() {
        return cluster.network();
    }

    /** Nodes and devices the last shared render left out of the DHCP files: their address lies in no subnet. */
    public List<String> outsideTheNetwork() {
        return outside;
    }

    /** Applies {@code changes} in order; writes shared files too when {@code writeShared}. */
    public ApplyReport apply(List<ConfigChange> changes, boolean writeShared) throws IOException {
        Batch b = new Batch(plainWriter.batch());
        try (AtomicFileWriter.Batch files = b.files) {
            if (recordsStale) {
                rerenderAll(b);
            }
            for (ConfigChange c : changes) {
                if (c instanceof ConfigChange.Upsert u) {
                    upsert(b, u);
                } else if (c instanceof ConfigChange.Remove r) {
                    remove(b, r.key());
                } else if (c instanceof ConfigChange.Undecodable x) {
                    refuse(b, x, null, x.reason());
                }
            }
            // Each node's files are in place before the DHCP config that sends it to them.
            files.commit();
        }
        if (writeShared) {
            writeShared(b);
        }
        manifest.save(plainWriter);
        return new ApplyReport(new ArrayList<>(b.outcomes.values()), b.changes, b.stats(), b.refusals);
    }

    /**
     * Removes files of keys that the manifest lists but the snapshot lacks: nodes removed while
     * this worker was down, whose tombstones compaction may already have dropped. Call once the
     * topic has been read to its end.
     */
    public ApplyReport pruneOrphans() throws IOException {
        Batch b = new Batch(plainWriter.batch());
        for (String key : new ArrayList<>(manifest.keys())) {
            if (cluster.get(key).isEmpty()) {
                LOG.info("{}: in the manifest but no longer on the config topic; removing its files", key);
                remove(b, key);
            }
        }
        manifest.save(plainWriter);
        return new ApplyReport(new ArrayList<>(b.outcomes.values()), b.changes, b.stats());
    }

    private void upsert(Batch b, ConfigChange.Upsert change) throws IOException {
        String key = change.key();
        ConfigRecord record = change.record();
        String mismatch = TopicKeys.mismatch(key, record.key(), "key");
        if (mismatch != null) {
            refuse(b, change, record, mismatch);
            return;
        }
        if (record instanceof NodeBootConfig n && !settings.nodeFilter().accepts(n.node())) {
            if (cluster.get(key).isPresent() || !manifest.paths(key).isEmpty()) {
                remove(b, key);
            }
            return;
        }
        Optional<String> refusal = renderer.refusal(record).or(() -> cluster.conflictFor(record));
        if (refusal.isPresent()) {
            refuse(b, change, record, refusal.get());
            return;
        }
        EnumSet<Output> touched;
        try {
            touched = writeOwnFiles(b, key, record);
        } catch (TemplateSet.TemplateException e) {
            LOG.error("{}: cannot render: {}", key, e.getMessage());
            b.outcome(outcome(key, record, ConfigOutcome.FAILED, e.getMessage(), Set.of()));
            return;
        }
        Optional<ConfigRecord> before = cluster.get(key);
        cluster.put(record);
        sharedDirty.addAll(shared.put(before.orElse(null), record));
        KeyOutcome o = outcome(key, record, ConfigOutcome.APPLIED, null, touched);
        awaitingShared.put(key, o);
        LOG.debug("{}: rendered ({} outputs changed)", key, touched.size());
    }

    /** A record's own files on the current network; the outputs whose files changed. */
    private EnumSet<Output> writeOwnFiles(Batch b, String key, ConfigRecord record) throws IOException {
        List<RenderedFile> files = renderer.renderRecord(record, cluster.network());
        EnumSet<Output> touched = EnumSet.noneOf(Output.class);
        if (record instanceof NodeBootConfig n && renderer.hasOverlay(n)
                && overlays.ensure(n.node(), ClusterRenderer.OVERLAY_CUSTOM_FILE)) {
            LOG.info("{}: created overlay {}", n.node(), ClusterRenderer.overlayDir(n.node()));
            touched.add(Output.OVERLAYS);
        }
        List<String> paths = new ArrayList<>();
        for (RenderedFile f : files) {
            paths.add(f.path());
            if (b.write(root, f)) {
                touched.add(f.output());
            }
        }
        for (String old : manifest.paths(key)) {
            if (!paths.contains(old) && b.delete(root, outputOf(old), old)) {
                touched.add(outputOf(old));
            }
        }
        manifest.put(key, paths);
        return touched;
    }

    /** The network changed (a new master, say, is every diskless node's NFS server): every record's files again. */
    private void rerenderAll(Batch b) throws IOException {
        recordsStale = false;
        for (String key : new ArrayList<>(cluster.keys())) {
            ConfigRecord record = cluster.get(key).orElseThrow();
            try {
                writeOwnFiles(b, key, record);
            } catch (TemplateSet.TemplateException e) {
                LOG.error("{}: cannot render on the new network: {}", key, e.getMessage());
            }
        }
    }

    private void remove(Batch b, String key) throws IOException {
        Optional<ConfigRecord> old = cluster.remove(key);
        awaitingShared.remove(key);
        if (old.isPresent()) {
            sharedDirty.addAll(shared.remove(old.get()));
        }
        for (String p : manifest.remove(key)) {
            b.delete(root, outputOf(p), p);
        }
        if (!key.startsWith("host/") && Fields.isHostname(key)) {
            Path archived = overlays.archive(key);
            if (archived != null) {
                b.archived++;
                LOG.info("{}: removed; overlay archived to {}", key, root.relativize(archived));
            } else {
                LOG.info("{}: removed", key);
            }
        }
    }

    private void refuse(Batch b, ConfigChange change, ConfigRecord record, String reason) {
        String key = change.key();
        LOG.warn("{}: refused, previous files kept: {}", Printable.quote(key), reason);
        b.refused++;
        b.refusals.add(new ApplyReport.Refusal(change, reason));
        b.outcome(outcome(key, record, ConfigOutcome.REFUSED, reason, Set.of()));
    }

    private void writeShared(Batch b) throws IOException {
        if (sharedDirty.isEmpty() && awaitingShared.isEmpty()) {
            return;
        }
        List<RenderedFile> files = new ArrayList<>();
        try {
            for (Output o : shared.outputs()) {
                if (sharedDirty.contains(o)) {
                    files.add(shared.render(o));
                }
            }
        } catch (TemplateSet.TemplateException e) {
            failAwaiting(b, e.getMessage(), Set.of());
            return;
        }
        EnumSet<Output> changed = EnumSet.noneOf(Output.class);
        List<String> refusals = new ArrayList<>();
        for (RenderedFile f : files) {
            String known = sharedOnDisk.get(f.path());
            if (f.content().equals(known)) {
                b.skipped++;
                continue;
            }
            // What this worker wrote last differs, so the file does: no need to read it back to compare.
            AtomicFileWriter.Result r = known != null ? writer.replace(f.output(), root.resolve(f.path()), f.bytes())
                : writer.write(f.output(), root.resolve(f.path()), f.bytes());
            if (r instanceof AtomicFileWriter.Result.Refused refused) {
                b.validationRefusals++;
                refusals.add(f.path() + " refused by its validator, previous file kept: " + refused.reason());
                LOG.error("{} refused by its validator, previous file kept: {}", f.path(), refused.reason());
                continue;
            }
            sharedOnDisk.put(f.path(), f.content());
            if (r instanceof AtomicFileWriter.Result.Written w) {
                b.written++;
                changed.add(f.output());
                b.changes.add(new FileChange(f.output(), f.path(),
                    w.created() ? FileChange.Kind.CREATED : FileChange.Kind.MODIFIED));
            } else {
                b.skipped++;
            }
        }
        if (!refusals.isEmpty()) {
            failAwaiting(b, String.join("; ", refusals), changed);
            return;
        }
        warnOutside();
        sharedDirty.clear();
        for (KeyOutcome o : awaitingShared.values()) {
            b.outcome(o.withOutcome(ConfigOutcome.APPLIED, null, changed));
        }
        awaitingShared.clear();
    }

    /** Says, once per change, which nodes and devices no DHCP file serves because their address lies in no subnet. */
    private void warnOutside() {
        List<String> now = shared.outside();
        if (!now.equals(outside) && !now.isEmpty()) {
            LOG.warn("{} nodes and devices lie in no subnet of the inventory ({}), so no DHCP file serves them: {}{}",
                now.size(), cluster.network().describe(), String.join(", ", now.subList(0, Math.min(20, now.size()))),
                now.size() > 20 ? ", ..." : "");
        }
        outside = now;
    }

    /** Reports the waiting keys FAILED but keeps them waiting: the next successful shared write applies them. */
    private void failAwaiting(Batch b, String reason, Set<Output> changed) {
        for (KeyOutcome o : awaitingShared.values()) {
            b.outcome(o.withOutcome(ConfigOutcome.FAILED, reason, changed));
        }
    }

    private static KeyOutcome outcome(String key, ConfigRecord record, ConfigOutcome o, String reason, Set<Output> touched) {
        String node = null;
        long generation = 0;
        if (record instanceof NodeBootConfig n) {
            node = n.node();
            generation = n.generation();
        } else if (record == null && !key.startsWith("host/") && Fields.isHostname(key)) {
            node = key;
        }
        return new KeyOutcome(key, node, generation, o, reason, touched);
    }

    /** Which output a per-record path belongs to (paths are laid out by output). */
    private static Output outputOf(String path) {
        if (path.startsWith(ClusterRenderer.DNSMASQ_HOSTS_DIR)) {
            return Output.DNSMASQ;
        }
        if (path.startsWith(ClusterRenderer.PXELINUX_DIR)) {
            return Output.PXELINUX;
        }
        if (path.startsWith(ClusterRenderer.IPXE_DIR)) {
            return Output.IPXE;
        }
        if (path.startsWith(ClusterRenderer.GRUB_DIR)) {
            return Output.GRUB;
        }
        return Output.OVERLAYS;
    }

    /** Counters and results of one apply. */
    private final class Batch {
        final AtomicFileWriter.Batch files;
        /** Latest outcome per key, in the order keys were first seen. */
        final Map<String, KeyOutcome> outcomes = new LinkedHashMap<>();
        final List<FileChange> changes = new ArrayList<>();
        final List<ApplyReport.Refusal> refusals = new ArrayList<>();
        int written;
        int skipped;
        int deleted;
        int archived;
        int refused;
        int validationRefusals;

        Batch(AtomicFileWriter.Batch files) {
            this.files = files;
        }

        void outcome(KeyOutcome o) {
            outcomes.remove(o.key());
            outcomes.put(o.key(), o);
        }

        boolean write(Path root, RenderedFile f) throws IOException {
            if (files.isStaged(root.resolve(f.path()))) {
                // A later generation of the same key in this batch replaces the staged write.
                written--;
                changes.removeIf(c -> c.path().equals(f.path()));
            }
            AtomicFileWriter.Result r = files.add(f.output(), root.resolve(f.path()), f.bytes());
            if (r instanceof AtomicFileWriter.Result.Written written) {
                this.written++;
                changes.add(new FileChange(f.output(), f.path(), written.created() ? FileChange.Kind.CREATED : FileChange.Kind.MODIFIED));
                return true;
            }
            if (r instanceof AtomicFileWriter.Result.Refused refused) {
                throw new IOException(f.path() + " refused by its validator: " + refused.reason());
            }
            skipped++;
            return false;
        }

        boolean delete(Path root, Output o, String path) throws IOException {
            files.discard(root.resolve(path));
            if (plainWriter.delete(root.resolve(path))) {
                deleted++;
                changes.add(new FileChange(o, path, FileChange.Kind.DELETED));
                return true;
            }
            return false;
        }

        WriteStats stats() {
            return new WriteStats(written, skipped, deleted, archived, validationRefusals);
        }
    }

    /** For tests and metrics: the host reservations and nodes currently accepted. */
    public int size() {
        return cluster.keys().size();
    }
}
