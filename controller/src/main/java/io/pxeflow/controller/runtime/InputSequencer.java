package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.InputOrder;
import io.pxeflow.controller.domain.NodeInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a partition's decoded inputs to the node processor in the order they happened
 * ({@link InputOrder}): an input waits until every resolver task's watermark has passed its
 * timestamp, so no DHCP or PXE event older than it can still be on its way through the hop.
 * What waits is kept in a changelogged store, in the same transaction as the offset that
 * consumed it, so a {@code kill -9} loses none of it. Heartbeats are most of the traffic and
 * mostly say "still up": only the first one of each boot a task sees is kept durably (it can
 * change the node's state; a dying node may send no other), the rest wait in memory, and one
 * lost with a killed instance is as good as the node's next. A timestamp in the future counts as
 * the moment it arrived.
 * With {@code maxHold} zero it passes everything straight through.
 */
final class InputSequencer implements Processor<String, Object, String, Object> {
    static final String NAME = "sequence";
    private static final Logger LOG = LoggerFactory.getLogger(InputSequencer.class);
    static final Duration RELEASE_EVERY = Duration.ofMillis(50);

    private final long maxHoldMs;
    private final Clock clock;
    private final ControllerMetrics metrics;
    private ProcessorContext<String, Object> ctx;
    private KeyValueStore<String, byte[]> store;
    private InputOrder<Waiting> order;
    private long nextSeq;
    private long horizon = Long.MIN_VALUE;
    /** The boot id of the last heartbeat seen per node since this task started. */
    private final java.util.Map<String, String> bootSeen = new java.util.HashMap<>();

    InputSequencer(Duration maxHold, Clock clock, ControllerMetrics metrics) {
        this.maxHoldMs = maxHold.toMillis();
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.ctx = context;
        this.store = context.getStateStore(Sinks.SEQUENCED_STORE);
        if (maxHoldMs <= 0) {
            return;
        }
        this.order = new InputOrder<>(maxHoldMs);
        this.nextSeq = 0;
        bootSeen.clear();
        long now = clock.millis();
        int restored = 0;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                long seq = Long.parseLong(kv.key);
                Waiting w = decode(kv.key, kv.value);
                if (w == null) {
                    LOG.warn("task {}: a held input no longer decodes and is dropped (store key {})", ctx.taskId(), kv.key);
                    store.delete(kv.key);
                    continue;
                }
                order.hold(w.time, seq, w, now);
                nextSeq = Math.max(nextSeq, seq + 1);
                restored++;
            }
        }
        if (restored > 0) {
            LOG.info("task {}: {} inputs still waiting for their turn after the restart", ctx.taskId(), restored);
        }
        context.schedule(RELEASE_EVERY, PunctuationType.WALL_CLOCK_TIME, t -> release());
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof HopRecords.Watermark w) {
            if (order != null) {
                order.watermark(w.source(), w.sources(), w.millis());
                release();
            }
            return;
        }
        Arrival a = (Arrival) record.value();
        ctx.recordMetadata().ifPresent(md -> metrics.processed(md.topic()));
        Record<String, Object> input = record.withValue(a.input());
        if (order == null) {
            ctx.forward(input);
            return;
        }
        boolean newBoot = a.input() instanceof NodeInput.Beat b
            && !b.heartbeat().bootId().equals(bootSeen.put(record.key(), b.heartbeat().bootId()));
        long now = clock.millis();
        long time = Math.min(record.timestamp(), now);
        if (order.passes(time, now)) {
            ctx.forward(input);
            return;
        }
        long seq = nextSeq++;
        String key = null;
        if (a.kind().durable() || newBoot) {
            key = Long.toString(seq);
            store.put(key, encode(a.kind(), time, record, a.raw()));
        }
        order.hold(time, seq, new Waiting(key, time, input), now);
    }

    private void release() {
        long now = clock.millis();
        for (Waiting w : order.release(now)) {
            if (w.storeKey != null) {
                store.delete(w.storeKey);
            }
            ctx.forward(w.record);
        }
        long point = Math.min(order.releasePoint(now), now);
        if (point > horizon) {
            horizon = point;
            ctx.forward(new Record<>(null, new InputHorizon(point), point));
        }
        long since = order.waitingSince();
        metrics.waiting(ctx.taskId().toString(), order.held(), since == Long.MAX_VALUE ? 0 : now - since);
    }

    @Override
    public void close() {
        metrics.waiting(ctx.taskId().toString(), 0, 0);
    }

    private static byte[] encode(InputKind kind, long time, Record<String, Object> record, byte[] raw) {
        byte[] key = record.key().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 8 + 8 + 4 + key.length + raw.length).put((byte) kind.code()).putLong(time)
            .putLong(record.timestamp()).putInt(key.length).put(key).put(raw).array();
    }

    private static Waiting decode(String storeKey, byte[] stored) {
        ByteBuffer b = ByteBuffer.wrap(stored);
        InputKind kind = InputKind.of((char) b.get());
        long time = b.getLong();
        long timestamp = b.getLong();
        byte[] key = new byte[b.getInt()];
        b.get(key);
        byte[] raw = new byte[b.remaining()];
        b.get(raw);
        NodeInput input = kind == null ? null : kind.decode(raw);
        return input == null ? null
            : new Waiting(storeKey, time, new Record<>(new String(key, StandardCharsets.UTF_8), input, timestamp));
    }

    private record Waiting(String storeKey, long time, Record<String, Object> record) {
    }
}
