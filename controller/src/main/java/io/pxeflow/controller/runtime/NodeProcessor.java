package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.AddressIndex;
import io.pxeflow.controller.domain.NodeInput;
import io.pxeflow.controller.domain.NodeStateMachine;
import io.pxeflow.controller.domain.Transition;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.NodeState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the state machine for the nodes of one partition and replays each transition into Kafka:
 * the changelogged store and {@code nodes} (durable transitions only), {@code config},
 * {@code events} and the address index. Heartbeat times live in memory; a punctuator checks
 * liveness deadlines every second.
 */
final class NodeProcessor implements Processor<String, Object, String, byte[]> {
    static final String NAME = "node";
    private static final Logger LOG = LoggerFactory.getLogger(NodeProcessor.class);
    /** Stored states decoded per punctuation until none is left undecoded; see {@link #undecoded}. */
    static final int DECODES_PER_PUNCTUATION = 5_000;
    /**
     * How long after a restart the background decoding may wait for the view: both decode every
     * node's state on two cores, and the view's decoding is what readiness waits for, this not.
     */
    static final Duration DECODE_DEFERRAL = Duration.ofSeconds(15);

    private final NodeStateMachine machine;
    private final Clock clock;
    private final ControllerMetrics metrics;
    /** Latest heartbeat time per node, newer than the stored one; never written durably. */
    private final Map<String, Instant> liveBeats = new HashMap<>();
    /**
     * The decoded form of the stored states of this task's nodes. The store keeps JSON bytes, and
     * decoding a state costs more than everything else a heartbeat does; the store stays the
     * durable copy (its changelog), this map is refilled from it whenever the task is initialised.
     */
    private final Map<String, NodeState> states = new HashMap<>();
    /**
     * Stored nodes not decoded since the task was initialised. Decoding 100,000 states up front
     * held the task (and the controller's readiness) for seconds after a restart; instead a node
     * is decoded on its first input, and the punctuator decodes the rest in batches so that every
     * watched node gets its liveness deadline. After a restart every deadline lies at least
     * {@code staleAfterIntervals} heartbeat intervals past it (15 s at the reporter's 5 s), and
     * the batches are normally done by then; a deadline found later is a late tick, judged
     * against the real time, so a silent node goes stale late, never wrongly.
     */
    private final Set<String> undecoded = new LinkedHashSet<>();
    private final org.apache.kafka.common.serialization.Deserializer<NodeState> decoder =
        new JsonSerde<>(Codec.NODE_STATE).deserializer();
    /** When each watched node must next be ticked. */
    private final Map<String, Instant> deadlines = new HashMap<>();
    private ProcessorContext<String, byte[]> ctx;
    private KeyValueStore<String, byte[]> store;
    private Instant aliveFloor;
    /** Inputs arrive through the sequencer, which reports how far it has released ({@link InputHorizon}). */
    private final boolean sequenced;
    private Instant horizon;
    /** Whether this instance's read view has caught up (see {@link #DECODE_DEFERRAL}). */
    private final java.util.function.BooleanSupplier viewCaughtUp;

    NodeProcessor(NodeStateMachine machine, Clock clock, ControllerMetrics metrics, boolean sequenced,
                  java.util.function.BooleanSupplier viewCaughtUp) {
        this.machine = machine;
        this.clock = clock;
        this.metrics = metrics;
        this.sequenced = sequenced;
        this.viewCaughtUp = viewCaughtUp;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.ctx = context;
        this.store = context.getStateStore(Sinks.NODE_STORE);
        // Heartbeat times did not survive the restart: every node gets a grace period from now.
        this.aliveFloor = clock.instant();
        states.clear();
        liveBeats.clear();
        deadlines.clear();
        undecoded.clear();
        horizon = null;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                undecoded.add(it.next().key);
            }
        }
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, t -> {
            decodeSome();
            checkLiveness();
        });
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof InputHorizon h) {
            horizon = Instant.ofEpochMilli(h.millis());
            return;
        }
        NodeInput input = (NodeInput) record.value();
        String node = record.key();
        Instant now = clock.instant();
        NodeState state = current(node);
        Transition t = machine.apply(state, input, now);
        if (state == null && t.state() == null && t.events().isEmpty()) {
            metrics.unknownNode();
        }
        replay(node, state, t, record.timestamp());
        metrics.latency(record.timestamp(), clock.millis());
    }

    private NodeState current(String node) {
        NodeState s = states.get(node);
        if (s == null && undecoded.remove(node)) {
            s = load(node);
        }
        Instant beat = liveBeats.get(node);
        if (s != null && beat != null && (s.lastHeartbeat() == null || beat.isAfter(s.lastHeartbeat()))) {
            s = new NodeState(s.spec(), s.stage(), s.status(), s.statusSince(), s.wipe(), s.bootId(), beat,
                s.heartbeatSeconds(), s.leasedIp(), s.pxeAnswers(), s.generation(), s.appliedBy(), s.lastRequestId(),
                s.updated(), s.wipeServed(), s.stageSince());
        }
        return s;
    }

    private NodeState load(String node) {
        NodeState s = decoder.deserialize(Sinks.NODE_STORE, store.get(node));
        if (s != null) {
            states.put(node, s);
            watch(node, s);
        }
        return s;
    }

    private void decodeSome() {
        if (undecoded.isEmpty()
            || !viewCaughtUp.getAsBoolean() && clock.instant().isBefore(aliveFloor.plus(DECODE_DEFERRAL))) {
            return;
        }
        long t0 = System.nanoTime();
        int n = 0;
        for (var it = undecoded.iterator(); it.hasNext() && n < DECODES_PER_PUNCTUATION; n++) {
            String node = it.next();
            it.remove();
            load(node);
        }
        if (undecoded.isEmpty()) {
            LOG.info("task {}: every stored node state decoded ({} nodes; last batch of {} in {} ms)", ctx.taskId(),
                states.size(), n, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private void replay(String node, NodeState before, Transition t, long timestamp) {
        long ts = Math.max(timestamp, 0);
        if (t.removed()) {
            liveBeats.remove(node);
            deadlines.remove(node);
            if (before != null) {
                store.delete(node);
                states.remove(node);
                ctx.forward(new Record<>(node, null, ts), Sinks.NODES);
                forwardAddresses(AddressIndex.changes(before.spec(), null), ts);
            }
        } else {
            if (t.state().lastHeartbeat() != null) {
                liveBeats.put(node, t.state().lastHeartbeat());
            }
            if (t.durable()) {
                byte[] encoded = Codec.NODE_STATE.encode(t.state());
                store.put(node, encoded);
                states.put(node, t.state());
                ctx.forward(new Record<>(node, encoded, ts), Sinks.NODES);
                metrics.durableWrite();
                if (before == null || !before.spec().equals(t.state().spec())) {
                    forwardAddresses(AddressIndex.changes(before == null ? null : before.spec(), t.state().spec()), ts);
                }
            }
            watch(node, t.state());
        }
        if (t.publish() != null) {
            ctx.forward(new Record<>(node, Codec.CONFIG.encode(t.publish()), ts), Sinks.CONFIG);
        } else if (t.removeConfig()) {
            ctx.forward(new Record<>(node, null, ts), Sinks.CONFIG);
        }
        for (LifecycleEvent e : t.events()) {
            ctx.forward(new Record<>(e.node(), Codec.EVENT.encode(e), ts), Sinks.EVENTS);
            metrics.transition(e.kind());
            LOG.info("{}: {} {}{}{}", e.node(), e.kind().code(), e.from() == null ? "" : e.from() + " -> ",
                e.to() == null ? "" : e.to(), e.detail() == null ? "" : " (" + e.detail() + ")");
        }
    }

    private void forwardAddresses(Map<String, String> changes, long ts) {
        changes.forEach((key, node) -> ctx.forward(new Record<>(key,
            node == null ? null : node.getBytes(java.nio.charset.StandardCharsets.UTF_8), ts), Sinks.ADDRESSES));
    }

    private void watch(String node, NodeState s) {
        Instant next = machine.nextLivenessCheck(s, aliveFloor);
        if (next == null) {
            deadlines.remove(node);
        } else {
            deadlines.put(node, next);
        }
    }

    /**
     * Judged at the sequencer's horizon rather than the wall clock when inputs are sequenced: a
     * heartbeat still held there has been sent, and a node must not go stale for the wait.
     */
    private void checkLiveness() {
        Instant wall = clock.instant();
        if (sequenced && horizon == null) {
            return;
        }
        Instant now = sequenced && horizon.isBefore(wall) ? horizon : wall;
        List<String> due = new ArrayList<>();
        deadlines.forEach((node, at) -> {
            if (!at.isAfter(now)) {
                due.add(node);
            }
        });
        for (String node : due) {
            NodeState state = current(node);
            if (state == null) {
                deadlines.remove(node);
                continue;
            }
            Transition t = machine.apply(state, new NodeInput.Tick(aliveFloor), now);
            replay(node, state, t, now.toEpochMilli());
        }
    }
}
