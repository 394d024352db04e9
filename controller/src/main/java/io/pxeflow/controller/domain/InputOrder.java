package io.pxeflow.controller.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Puts a partition's inputs back into the order they happened in. A node's inputs come from
 * several topics: commands, heartbeats and config reports straight from their producers, DHCP and
 * PXE events one hop later, after the resolver has found their node. Whatever arrives is held
 * until every resolver source has reported (its watermark) that it has forwarded everything older,
 * then released in timestamp order; so a reprovision sent after a PXE answer is applied after it,
 * however far the hop fell behind (a killed instance's open transaction, a backlog).
 *
 * <p>A watermark that does not come (a resolver task with no owner) must not stop the controller
 * for good: anything held longer than {@code maxHoldMs} is released anyway, and everything older
 * than it with it, so order is kept among what is released. Times are epoch milliseconds. Not
 * thread-safe: one instance per stream task.
 *
 * @param <T> what is held
 */
public final class InputOrder<T> {
    private final long maxHoldMs;
    private long[] watermarks = new long[0];
    private int known;
    private long forcedUpTo = Long.MIN_VALUE;
    private final PriorityQueue<Held<T>> byTime = new PriorityQueue<>();
    /** The same entries in arrival order, to find those held too long; released ones are skipped lazily. */
    private final Deque<Held<T>> byArrival = new ArrayDeque<>();

    /** @param maxHoldMs the longest anything waits for a watermark; positive */
    public InputOrder(long maxHoldMs) {
        if (maxHoldMs <= 0) {
            throw new IllegalArgumentException("maxHoldMs must be positive: " + maxHoldMs);
        }
        this.maxHoldMs = maxHoldMs;
    }

    /**
     * Source {@code source} of {@code sources} has forwarded everything with a timestamp up to
     * {@code watermark}. Watermarks only move forward; a change in the number of sources (topics
     * repartitioned) forgets what was known.
     */
    public void watermark(int source, int sources, long watermark) {
        if (sources < 1 || source < 0 || source >= sources) {
            return;
        }
        if (sources != watermarks.length) {
            watermarks = new long[sources];
            Arrays.fill(watermarks, Long.MIN_VALUE);
            known = 0;
        }
        if (watermarks[source] == Long.MIN_VALUE) {
            known++;
        }
        watermarks[source] = Math.max(watermarks[source], watermark);
    }

    /** Everything with a timestamp up to this may be released. */
    public long releasePoint(long now) {
        long safe = Long.MIN_VALUE;
        if (known == watermarks.length && known > 0) {
            safe = Long.MAX_VALUE;
            for (long w : watermarks) {
                safe = Math.min(safe, w);
            }
        }
        while (!byArrival.isEmpty() && (byArrival.peekFirst().released || byArrival.peekFirst().arrived + maxHoldMs <= now)) {
            Held<T> h = byArrival.pollFirst();
            if (!h.released) {
                forcedUpTo = Math.max(forcedUpTo, h.time);
            }
        }
        return Math.max(safe, forcedUpTo);
    }

    /** True when an input with this timestamp can go at once: nothing is held and no older input can still come. */
    public boolean passes(long time, long now) {
        return byTime.isEmpty() && time <= releasePoint(now);
    }

    /** Holds an input; {@code seq} breaks ties between equal timestamps (arrival order). */
    public void hold(long time, long seq, T item, long now) {
        Held<T> h = new Held<>(time, seq, now, item);
        byTime.add(h);
        byArrival.addLast(h);
    }

    /** Takes out, oldest first, everything the watermarks (or the hold limit) now allow. */
    public List<T> release(long now) {
        long point = releasePoint(now);
        List<T> out = new ArrayList<>();
        while (!byTime.isEmpty() && byTime.peek().time <= point) {
            Held<T> h = byTime.poll();
            h.released = true;
            out.add(h.item);
        }
        return out;
    }

    public int held() {
        return byTime.size();
    }

    /** When the input that has waited longest arrived, or {@link Long#MAX_VALUE} when nothing is held. */
    public long waitingSince() {
        while (!byArrival.isEmpty() && byArrival.peekFirst().released) {
            byArrival.pollFirst();
        }
        return byArrival.isEmpty() ? Long.MAX_VALUE : byArrival.peekFirst().arrived;
    }

    private static final class Held<T> implements Comparable<Held<T>> {
        final long time;
        final long seq;
        final long arrived;
        final T item;
        boolean released;

        Held(long time, long seq, long arrived, T item) {
            this.time = time;
            this.seq = seq;
            this.arrived = arrived;
            this.item = item;
        }

        @Override
        public int compareTo(Held<T> o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
