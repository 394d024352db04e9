package io.pxeflow.bridge;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bridge's counters, plain so that the bridge needs no metrics library; the lead binds them
 * to Micrometer as {@code pxeflow_bridge_*} ({@link BridgeMeters}). Names in {@link #snapshot()}:
 * {@code events_produced}, {@code events_spooled}, {@code events_dropped},
 * {@code spool_records}, {@code spool_bytes}, {@code lines_read}, {@code hook_calls},
 * {@code ignored}, {@code kafka_reachable} (1, or 0 from a refused delivery until the next
 * accepted one), {@code events_held} (events of a client no node is known to own yet), and {@code unparseable{kind}} as {@code unparseable.<kind>}.
 */
public final class BridgeMetrics {
    private final LongAdder produced = new LongAdder();
    private final LongAdder spooled = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder linesRead = new LongAdder();
    private final LongAdder hookCalls = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final AtomicLong spoolRecords = new AtomicLong();
    private final AtomicLong spoolBytes = new AtomicLong();
    private volatile boolean kafkaReachable = true;
    private final AtomicLong held = new AtomicLong();
    private final Map<String, LongAdder> unparseable = new ConcurrentHashMap<>();

    public void produced(long n) {
        produced.add(n);
    }

    public void spooled(long n) {
        spooled.add(n);
    }

    public void dropped(long n) {
        dropped.add(n);
    }

    public void lineRead() {
        linesRead.increment();
    }

    public void hookCall() {
        hookCalls.increment();
    }

    public void ignored() {
        ignored.increment();
    }

    /** @return true the first time this kind is seen, so the caller logs it once */
    public boolean unparseable(String kind) {
        boolean[] first = {false};
        unparseable.computeIfAbsent(kind, k -> {
            first[0] = true;
            return new LongAdder();
        }).increment();
        return first[0];
    }

    public void spoolDepth(long records, long bytes) {
        spoolRecords.set(records);
        spoolBytes.set(bytes);
    }

    /** Events waiting to learn their client's node (see {@code NodeKeyer}). */
    public void held(long n) {
        held.set(n);
    }

    public void kafkaReachable(boolean reachable) {
        kafkaReachable = reachable;
    }

    public long produced() {
        return produced.sum();
    }

    public long spooled() {
        return spooled.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long unparseableCount(String kind) {
        LongAdder a = unparseable.get(kind);
        return a == null ? 0 : a.sum();
    }

    public Map<String, Long> unparseableByKind() {
        Map<String, Long> out = new TreeMap<>();
        unparseable.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        out.put("events_produced", produced.sum());
        out.put("events_spooled", spooled.sum());
        out.put("events_dropped", dropped.sum());
        out.put("spool_records", spoolRecords.get());
        out.put("spool_bytes", spoolBytes.get());
        out.put("lines_read", linesRead.sum());
        out.put("hook_calls", hookCalls.sum());
        out.put("ignored", ignored.sum());
        out.put("kafka_reachable", kafkaReachable ? 1L : 0L);
        out.put("events_held", held.get());
        unparseable.forEach((k, v) -> out.put("unparseable." + k, v.sum()));
        return out;
    }
}
