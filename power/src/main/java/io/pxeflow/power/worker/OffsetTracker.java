package io.pxeflow.power.worker;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which offsets of each partition may be committed while requests finish out of order: up to,
 * not including, the oldest one not yet done. A worker killed mid-request is given that request
 * again after its restart (at least once; the request's deadline and id guard against the worst).
 *
 * @param <P> a partition
 */
final class OffsetTracker<P> {
    private final Map<P, TreeSet<Long>> open = new HashMap<>();
    private final Map<P, Long> next = new HashMap<>();

    /** A record was read; it is open until {@link #done}. */
    void read(P partition, long offset) {
        open.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        next.merge(partition, offset + 1, Math::max);
    }

    void done(P partition, long offset) {
        TreeSet<Long> o = open.get(partition);
        if (o != null) {
            o.remove(offset);
        }
    }

    /** What to commit: per partition, the oldest open offset, or one past the last read when none is open. */
    Map<P, Long> committable() {
        Map<P, Long> out = new HashMap<>();
        next.forEach((p, n) -> {
            TreeSet<Long> o = open.get(p);
            out.put(p, o == null || o.isEmpty() ? n : o.first());
        });
        return out;
    }

    /** A partition moved to another worker: forget it. */
    void forget(P partition) {
        open.remove(partition);
        next.remove(partition);
    }
}
