package io.pxeflow.controller.metrics;

import io.pxeflow.protocol.message.Heartbeat;
import java.util.List;
import java.util.Map;

/**
 * What the per-node families write of one heartbeat: seven optional numbers, then the
 * filesystems' (size, used) and the interfaces' (received, sent) under their mount or name. A
 * scrape holds one of these per node for its whole duration, so it is a few arrays, not the
 * decoded heartbeat.
 */
final class HeartbeatFigures {
    static final int UPTIME = 0;
    static final int LOAD1 = 1;
    static final int CPU_BUSY = 2;
    static final int CPU_IOWAIT = 3;
    static final int MEM_AVAILABLE = 4;
    static final int MEM_USED = 5;
    static final int SWAP_USED = 6;
    private static final int SCALARS = 7;

    private final double[] scalars = new double[SCALARS];
    private int present;
    /** Mounts, then interface names. */
    private final String[] keys;
    /** Two values per key: size and used for a filesystem, received and sent for an interface. */
    private final long[] values;
    private final int filesystems;

    private HeartbeatFigures(int filesystems, int interfaces) {
        this.filesystems = filesystems;
        this.keys = new String[filesystems + interfaces];
        this.values = new long[2 * keys.length];
    }

    /**
     * {@code keys} makes the mount and interface names of all nodes share one string each
     * (every node has "/", "eth0"…); it lives for one scrape.
     */
    static HeartbeatFigures of(Heartbeat hb, Map<String, String> keys) {
        List<Heartbeat.FilesystemUsage> fs = NodeMetrics.distinct(hb.filesystems(), Heartbeat.FilesystemUsage::mount,
            NodeMetrics.MAX_FILESYSTEMS);
        List<Heartbeat.InterfaceCounters> nics = NodeMetrics.distinct(
            hb.interfaces().stream().filter(i -> !"lo".equals(i.name())).toList(), Heartbeat.InterfaceCounters::name,
            NodeMetrics.MAX_INTERFACES);
        HeartbeatFigures f = new HeartbeatFigures(fs.size(), nics.size());
        f.set(UPTIME, hb.uptimeSeconds());
        f.set(LOAD1, hb.load1());
        f.set(CPU_BUSY, hb.cpuBusy());
        f.set(CPU_IOWAIT, hb.cpuIowait());
        f.set(MEM_AVAILABLE, hb.memAvailableBytes() == null ? null : hb.memAvailableBytes().doubleValue());
        f.set(MEM_USED, hb.memTotalBytes() == null || hb.memAvailableBytes() == null ? null
            : (double) (hb.memTotalBytes() - hb.memAvailableBytes()));
        f.set(SWAP_USED, hb.swapUsedBytes() == null ? null : hb.swapUsedBytes().doubleValue());
        int i = 0;
        for (Heartbeat.FilesystemUsage u : fs) {
            f.item(i++, keys, u.mount(), u.sizeBytes(), Math.max(0, u.sizeBytes() - u.freeBytes()));
        }
        for (Heartbeat.InterfaceCounters n : nics) {
            f.item(i++, keys, n.name(), n.rxBytes(), n.txBytes());
        }
        return f;
    }

    private void set(int figure, Double v) {
        if (v != null) {
            scalars[figure] = v;
            present |= 1 << figure;
        }
    }

    private void item(int i, Map<String, String> shared, String key, long first, long second) {
        keys[i] = shared.computeIfAbsent(key, k -> k);
        values[2 * i] = first;
        values[2 * i + 1] = second;
    }

    boolean has(int figure) {
        return (present & (1 << figure)) != 0;
    }

    double scalar(int figure) {
        return scalars[figure];
    }

    int filesystems() {
        return filesystems;
    }

    /** Filesystems and interfaces together; interfaces start at {@link #filesystems()}. */
    int items() {
        return keys.length;
    }

    String key(int item) {
        return keys[item];
    }

    /** Column 0 is the size or bytes received, 1 the used bytes or bytes sent. */
    long value(int item, int column) {
        return values[2 * item + column];
    }
}
