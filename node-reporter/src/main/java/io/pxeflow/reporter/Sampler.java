package io.pxeflow.reporter;

import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.Heartbeat.FilesystemUsage;
import io.pxeflow.protocol.message.Heartbeat.InterfaceCounters;
import io.pxeflow.reporter.collect.BootId;
import io.pxeflow.reporter.collect.CpuCount;
import io.pxeflow.reporter.collect.CpuTimes;
import io.pxeflow.reporter.collect.CpuUsage;
import io.pxeflow.reporter.collect.FileStoreProbe;
import io.pxeflow.reporter.collect.KernelRelease;
import io.pxeflow.reporter.collect.LoadAvg;
import io.pxeflow.reporter.collect.MemInfo;
import io.pxeflow.reporter.collect.MountEntry;
import io.pxeflow.reporter.collect.Mounts;
import io.pxeflow.reporter.collect.NetDev;
import io.pxeflow.reporter.collect.ProcFs;
import io.pxeflow.reporter.collect.SpaceProbe;
import io.pxeflow.reporter.collect.Uptime;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one read of /proc and /sys into a {@link Heartbeat}. Each source is read on its own: a
 * source that fails leaves its fields absent and is logged once, the heartbeat still goes out.
 * Not thread-safe: the loop's single thread owns it.
 */
public final class Sampler {
    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    private final ProcFs fs;
    private final String node;
    private final int intervalSeconds;
    private final SpaceProbe probe;
    private final Clock clock;
    private final String bootId;
    private final String kernel;
    private final CpuUsage cpu = new CpuUsage();
    private final Set<String> failedOnce = new HashSet<>();
    private long seq;

    public Sampler(ProcFs fs, String node, int intervalSeconds, SpaceProbe probe, Clock clock) {
        this.fs = fs;
        this.node = node;
        this.intervalSeconds = intervalSeconds;
        this.probe = probe;
        this.clock = clock;
        // Neither changes while this process lives: a reboot ends it.
        String id = BootId.read(fs);
        this.bootId = id != null ? id : "unknown";
        this.kernel = KernelRelease.read(fs);
    }

    /** A sampler of the real machine (or of {@code root} copied from one). */
    public static Sampler of(ReporterConfig config, String node) {
        ProcFs fs = new ProcFs(config.root());
        return new Sampler(fs, node, config.intervalSeconds(), new FileStoreProbe(fs), Clock.systemUTC());
    }

    public String node() {
        return node;
    }

    /**
     * Reads the CPU counters without producing a heartbeat, so that the next sample has busy and
     * iowait fractions (used by --once, which has no previous sample).
     */
    public void prime() {
        guard("stat", () -> cpu.update(CpuTimes.read(fs)));
    }

    public Heartbeat sample() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LoadAvg load = guard("loadavg", () -> LoadAvg.read(fs));
        CpuUsage.Fractions cpuNow = guard("stat", () -> cpu.update(CpuTimes.read(fs)));
        MemInfo mem = guard("meminfo", () -> MemInfo.read(fs));
        List<FilesystemUsage> filesystems = guard("mounts", this::filesystems);
        List<InterfaceCounters> interfaces = guard("net/dev", () -> NetDev.read(fs));
        seq++;
        return new Heartbeat(node, bootId, seq, now, intervalSeconds, Version.REPORTER, kernel,
            guard("uptime", () -> Uptime.read(fs)),
            load == null ? null : load.load1(), load == null ? null : load.load5(), load == null ? null : load.load15(),
            cpuNow == null ? null : cpuNow.busy(), cpuNow == null ? null : cpuNow.iowait(),
            guard("cpu count", () -> CpuCount.read(fs)),
            mem == null ? null : mem.totalBytes(), mem == null ? null : mem.availableBytes(),
            mem == null ? null : mem.swapTotalBytes(), mem == null ? null : mem.swapUsedBytes(),
            filesystems, interfaces);
    }

    private List<FilesystemUsage> filesystems() {
        List<MountEntry> mounts = Mounts.local(fs);
        if (probe instanceof FileStoreProbe cached) {
            cached.retain(mounts);
        }
        List<FilesystemUsage> out = new ArrayList<>(mounts.size());
        for (MountEntry m : mounts) {
            SpaceProbe.Space s = probe.stat(m);
            if (s != null) {
                out.add(new FilesystemUsage(m.mountPoint(), m.source(), m.type(), s.sizeBytes(), s.freeBytes(), s.availBytes()));
            }
        }
        return out;
    }

    private <T> T guard(String source, Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            if (failedOnce.add(source)) {
                LOG.warn("node {}: cannot read {}; its fields stay absent: {}", node, source, e.toString());
            }
            return null;
        }
    }
}
