package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.Node;
import io.pxeflow.controller.domain.NodeInput;
import io.pxeflow.controller.domain.NodeStateMachine;
import io.pxeflow.controller.domain.Transition;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the state machine for the nodes of one partition, in the order the partition's input
 * topics deliver their inputs, and replays each transition into Kafka in the task's transaction:
 * the changelogged store and {@code nodes} (durable transitions only), {@code config},
 * {@code events} and {@code addresses}. A punctuator checks liveness deadlines every second.
 *
 * <p>A node is held once, as a {@link Node} (durable record and live heartbeat time) in
 * {@link #nodes}; the store holds the same durable record as bytes, for its changelog. After a
 * restart the store is full and the map empty: a node is decoded on its first input, and the
 * punctuator decodes the rest in batches so that every watched node gets its liveness deadline
 * (none of which can fall due sooner than {@code staleAfterIntervals} intervals after the restart).
 */
final class NodeProcessor implements Processor<String, NodeInput, String, Object> {
    static final String NAME = "node";
    private static final Logger LOG = LoggerFactory.getLogger(NodeProcessor.class);
    private static final Logger ORDER = LoggerFactory.getLogger(NodeProcessor.class.getName() + ".order");
    /** Stored records decoded per punctuation until every one is. */
    static final int DECODES_PER_PUNCTUATION = 5_000;
    /**
     * Marks, in a task's store, that the {@code addresses} entries of its nodes have been
     * published: a store from before that topic existed gets them published once. Not a node name.
     */
    static final String ADDRESSES_PUBLISHED = "~addresses-published";

    private final NodeStateMachine machine;
    private final Clock clock;
    private final ControllerMetrics metrics;
    private final Map<String, Node> nodes = new HashMap<>();
    /** When each watched node must next be ticked. */
    private final Map<String, Instant> deadlines = new HashMap<>();
    /** The newest input timestamp applied to each node since the task started (see {@link #noteOrder}). */
    private final Map<String, Long> newestInput = new HashMap<>();
    /** Stored nodes not yet decoded since the task started: listed at the first punctuation. */
    private Deque<String> undecoded;
    /** Nodes this task wrote before its first punctuation: their addresses went out with the write. */
    private final java.util.Set<String> writtenBeforeListing = new java.util.HashSet<>();
    private ProcessorContext<String, Object> ctx;
    private KeyValueStore<String, byte[]> store;
    private Instant aliveFloor;

    NodeProcessor(NodeStateMachine machine, Clock clock, ControllerMetrics metrics) {
        this.machine = machine;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.ctx = context;
        this.store = context.getStateStore(Sinks.NODE_STORE);
        // Heartbeat times did not survive the restart: every node gets a grace period from now.
        this.aliveFloor = clock.instant();
        nodes.clear();
        deadlines.clear();
        newestInput.clear();
        writtenBeforeListing.clear();
        undecoded = null;
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, t -> {
            decodeSome();
            checkLiveness();
        });
    }

    @Override
    public void process(Record<String, NodeInput> record) {
        String name = record.key();
        NodeInput input = record.value();
        noteOrder(name, record.timestamp());
        Node node = node(name);
        if (node != null && !owns(node.durable().spec(), input)) {
            DeadLetters.send(bytes(), Sinks.DEADLETTER, metrics, name, raw(input),
                "key " + Printable.quote(name) + " names a node that does not own the record's client " + client(input));
            return;
        }
        if (node == null && (input instanceof NodeInput.Dhcp || input instanceof NodeInput.Pxe)) {
            // Its client's node was removed after the bridge looked it up: an unknown client now.
            ctx.forward(record.withValue(input instanceof NodeInput.Dhcp d ? d.event() : ((NodeInput.Pxe) input).event()),
                DiscoveryProcessor.NAME);
            return;
        }
        Transition t = machine.apply(node, input, clock.instant());
        if (node == null && t.removed() && t.events().isEmpty()) {
            metrics.unknownNode();
        }
        replay(name, node, t, record.timestamp());
        metrics.latency(record.timestamp(), clock.millis());
    }

    /**
     * Counts an input applied after a younger one of the same node: the merge of the node's input
     * topics delivered it late (it reached the broker late, or Streams read another topic ahead).
     * The first ones are logged with their lateness, so an operator can see whether it happens.
     */
    private void noteOrder(String node, long timestamp) {
        Long newest = newestInput.get(node);
        if (newest == null || timestamp >= newest) {
            newestInput.put(node, timestamp);
            return;
        }
        long late = newest - timestamp;
        long count = metrics.lateInput();
        if (count <= 20 || count % 1000 == 0) {
            ORDER.warn("{}: an input from {} applied {} ms after a younger one of the same node ({} so far)",
                node, ctx.recordMetadata().map(md -> md.topic() + "-" + md.partition() + "@" + md.offset()).orElse("?"), late,
                count);
        }
    }

    /** A DHCP or PXE event keyed by a node must name one of the node's own clients. */
    private static boolean owns(NodeSpec spec, NodeInput input) {
        if (input instanceof NodeInput.Dhcp d) {
            return spec.macs().contains(d.event().mac());
        }
        if (input instanceof NodeInput.Pxe p) {
            return p.event().mac() != null ? spec.macs().contains(p.event().mac()) : p.event().clientIp().equals(spec.ip());
        }
        return true;
    }

    private static String client(NodeInput input) {
        if (input instanceof NodeInput.Dhcp d) {
            return d.event().mac().value();
        }
        NodeInput.Pxe p = (NodeInput.Pxe) input;
        return p.event().mac() != null ? p.event().mac().value() : String.valueOf(p.event().clientIp());
    }

    private static byte[] raw(NodeInput input) {
        return input instanceof NodeInput.Dhcp d ? Codec.DHCP.encode(d.event()) : Codec.PXE.encode(((NodeInput.Pxe) input).event());
    }

    @SuppressWarnings("unchecked")
    private ProcessorContext<String, byte[]> bytes() {
        return (ProcessorContext<String, byte[]>) (ProcessorContext<?, ?>) ctx;
    }

    /** The node, decoded from the store on first use after a restart; null when there is none. */
    private Node node(String name) {
        Node n = nodes.get(name);
        if (n == null) {
            n = load(name);
        }
        return n;
    }

    private Node load(String name) {
        byte[] stored = store.get(name);
        if (stored == null) {
            return null;
        }
        if (!(Codec.NODE_STATE.decode(stored) instanceof Decoded.Ok<NodeState> ok)) {
            // Written by this controller, so only a changed codec gets here; the node is not lost on the topic.
            LOG.error("{}: its stored state no longer decodes; ignoring it", name);
            return null;
        }
        Node n = Node.of(ok.value());
        nodes.put(name, n);
        watch(name, n);
        return n;
    }

    private void decodeSome() {
        if (undecoded == null) {
            List<String> stored = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = store.all()) {
                it.forEachRemaining(kv -> {
                    if (!kv.key.equals(ADDRESSES_PUBLISHED)) {
                        stored.add(kv.key);
                    }
                });
            }
            if (store.get(ADDRESSES_PUBLISHED) == null) {
                publishAllAddresses(stored);
            }
            writtenBeforeListing.clear();
            undecoded = new ArrayDeque<>();
            stored.stream().filter(k -> !nodes.containsKey(k)).forEach(undecoded::add);
        }
        if (undecoded.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        int n = 0;
        while (!undecoded.isEmpty() && n < DECODES_PER_PUNCTUATION) {
            String name = undecoded.poll();
            if (!nodes.containsKey(name)) {
                load(name);
                n++;
            }
        }
        if (undecoded.isEmpty()) {
            LOG.info("task {}: every stored node decoded ({} nodes; last batch of {} in {} ms)", ctx.taskId(),
                nodes.size(), n, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /**
     * The {@code addresses} topic is newer than some stores: publish every stored node's entries
     * once (all but those this task wrote since it started, which went out with the write), so
     * bridges can find them, and mark the store so that it is never done again.
     */
    private void publishAllAddresses(List<String> stored) {
        long ts = clock.millis();
        int published = 0;
        for (String name : stored) {
            Node n = writtenBeforeListing.contains(name) ? null : node(name);
            if (n != null) {
                forwardAddresses(AddressIndex.changes(null, n.durable().spec()), ts);
                published++;
            }
        }
        store.put(ADDRESSES_PUBLISHED, new byte[] {1});
        if (published > 0) {
            LOG.info("task {}: published the addresses of {} stored nodes (first start with the addresses topic)",
                ctx.taskId(), published);
        }
    }

    private void replay(String name, Node before, Transition t, long timestamp) {
        long ts = Math.max(timestamp, 0);
        if (t.removed()) {
            deadlines.remove(name);
            if (before != null) {
                store.delete(name);
                nodes.remove(name);
                ctx.forward(new Record<>(name, null, ts), Sinks.NODES);
                forwardAddresses(AddressIndex.changes(before.durable().spec(), null), ts);
            }
        } else {
            Node after = t.node();
            nodes.put(name, after);
            if (t.durable()) {
                byte[] encoded = Codec.NODE_STATE.encode(after.record());
                store.put(name, encoded);
                if (undecoded == null) {
                    writtenBeforeListing.add(name);
                }
                ctx.forward(new Record<>(name, encoded, ts), Sinks.NODES);
                metrics.durableWrite();
                NodeSpec old = before == null ? null : before.durable().spec();
                if (old == null || !old.equals(after.durable().spec())) {
                    forwardAddresses(AddressIndex.changes(old, after.durable().spec()), ts);
                }
            }
            watch(name, after);
        }
        if (t.publish() != null) {
            ctx.forward(new Record<>(name, Codec.CONFIG.encode(t.publish()), ts), Sinks.CONFIG);
        } else if (t.removeConfig()) {
            ctx.forward(new Record<>(name, null, ts), Sinks.CONFIG);
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
            node == null ? null : node.getBytes(StandardCharsets.UTF_8), ts), Sinks.ADDRESSES));
    }

    private void watch(String name, Node n) {
        Instant next = machine.nextLivenessCheck(n, aliveFloor);
        if (next == null) {
            deadlines.remove(name);
        } else {
            deadlines.put(name, next);
        }
    }

    private void checkLiveness() {
        Instant now = clock.instant();
        List<String> due = new ArrayList<>();
        deadlines.forEach((name, at) -> {
            if (!at.isAfter(now)) {
                due.add(name);
            }
        });
        for (String name : due) {
            Node n = nodes.get(name);
            if (n == null) {
                deadlines.remove(name);
                continue;
            }
            replay(name, n, machine.apply(n, new NodeInput.Tick(aliveFloor), now), now.toEpochMilli());
        }
    }
}
