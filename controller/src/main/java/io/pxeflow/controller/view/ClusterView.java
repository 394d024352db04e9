package io.pxeflow.controller.view;

import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.DiscoveredMac;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side every controller instance keeps of the whole cluster, whichever partitions it
 * owns: node states, discovered MACs and the inventory replayed from their compacted topics,
 * recent lifecycle events, the latest heartbeat of each node, and the power workers' results
 * ({@link PowerLedger}). The REST API reads only this.
 */
public final class ClusterView implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);
    private static final int EVENTS_PER_NODE = 50;
    private static final int EVENTS_RECENT = 2000;
    /** The view's consumer hears from the broker at least every fetch.max.wait.ms (500 ms); this is many of those. */
    private static final long BROKER_SILENCE_NANOS = Duration.ofSeconds(10).toNanos();

    private final Topics topics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();
    /**
     * During the replay, the latest record of each node not yet decoded: the nodes topic holds
     * several versions of most nodes until the log cleaner compacts it, and decoding a state is
     * most of what a replay costs, so each node is decoded once, when the replay ends.
     */
    private final Map<String, byte[]> replayedNodes = new HashMap<>();
    private final Map<String, DiscoveredMac> discovered = new ConcurrentHashMap<>();
    private final Map<String, ReceivedBeat> heartbeats = new ConcurrentHashMap<>();
    /**
     * A reporter's heartbeat is under 1 KiB, a few KiB with many filesystems and interfaces; a
     * record far larger is not one (the controller dead-letters it), and keeping it would let
     * anyone who can write the topic park a megabyte per node in every controller's heap.
     */
    static final int MAX_HEARTBEAT_BYTES = 64 * 1024;
    private final Map<String, Deque<StoredEvent>> nodeEvents = new ConcurrentHashMap<>();
    private final Deque<StoredEvent> recent = new ArrayDeque<>();
    private final List<Consumer<LifecycleEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<RequestOutcome>> waiters = new ConcurrentHashMap<>();
    private volatile ClusterInventory inventory = ClusterInventory.empty();
    private final PowerLedger power = new PowerLedger();
    private volatile boolean caughtUp;
    private volatile boolean running = true;
    private Map<TopicPartition, Long> replayEnds = Map.of();
    private org.apache.kafka.common.Metric responsesReceived;
    private double responseCount = -1;
    private volatile long lastBrokerResponse;
    private volatile boolean brokerAnswered;

    /** A heartbeat and when this controller received it. */
    public record HeartbeatSeen(Heartbeat heartbeat, Instant received) {
    }

    /**
     * A heartbeat as it arrived, kept as its bytes (~600) and decoded on each read: every node
     * reports every few seconds but the API and the scrape read them far less often, the
     * controller's stream thread already decodes each one on the same cores, and a decoded
     * heartbeat kept beside its bytes (~1.5 KB more per node) is 150 MB at 100,000 nodes. A scrape
     * reads each node once, and by the next scrape most nodes have sent a new heartbeat anyway.
     */
    private record ReceivedBeat(String node, byte[] bytes, Instant received) {
        /** Null when the payload is not a valid heartbeat of this node (the controller dead-letters it). */
        HeartbeatSeen seen() {
            if (Codec.HEARTBEAT.decode(bytes) instanceof Decoded.Ok<Heartbeat> ok && node.equals(ok.value().node())) {
                return new HeartbeatSeen(ok.value(), received);
            }
            return null;
        }
    }

    /**
     * A lifecycle event kept for the history endpoints, as its bytes, decoded on each read: a
     * restart replays every event the cluster ever had (several per node) to keep the last few
     * of each, and decoding them all held the controller's readiness back; kept decoded, the
     * 300,000 events of a 100,000-node cluster took about twice the heap of their bytes.
     */
    private record StoredEvent(byte[] bytes) {
        /** Null when the bytes are not a valid event (the controller wrote them, so never in practice). */
        LifecycleEvent event() {
            return Codec.EVENT.decode(bytes) instanceof Decoded.Ok<LifecycleEvent> ok ? ok.value() : null;
        }
    }

    /** How a command ended, as seen on the topics. */
    public record RequestOutcome(boolean applied, String reason) {
    }

    public ClusterView(String bootstrap, Topics topics, String instanceId) {
        this(KafkaConnection.plain(bootstrap), topics, instanceId);
    }

    public ClusterView(KafkaConnection kafka, Topics topics, String instanceId) {
        this.topics = topics;
        Properties p = kafka.properties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId + "-view");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "cluster-view");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * Whether the broker answered this view's consumer within the last 10 s. The consumer polls all
     * the time, and a connected broker answers every fetch within half a second, so silence means
     * Kafka is unreachable: the view, and every answer the API gives from it, is going stale.
     */
    public boolean brokerReachable() {
        return brokerAnswered && System.nanoTime() - lastBrokerResponse < BROKER_SILENCE_NANOS;
    }

    public Collection<NodeState> nodes() {
        return nodes.values();
    }

    public NodeState node(String name) {
        return nodes.get(name);
    }

    public HeartbeatSeen heartbeat(String node) {
        ReceivedBeat beat = heartbeats.get(node);
        return beat == null ? null : beat.seen();
    }

    public Collection<DiscoveredMac> discovered() {
        // A MAC adopted into a node is no longer unknown, even before its discovery record ages out.
        java.util.Set<String> owned = new java.util.HashSet<>();
        nodes.values().forEach(n -> n.spec().macs().forEach(m -> owned.add(m.value())));
        return discovered.values().stream().filter(d -> !owned.contains(d.mac().value())).toList();
    }

    public ClusterInventory inventory() {
        return inventory;
    }

    public List<LifecycleEvent> events(String node, int limit) {
        Deque<StoredEvent> d = nodeEvents.get(node);
        if (d == null) {
            return List.of();
        }
        // Power results replay from their own topic, beside the node's events: put them in time order.
        List<LifecycleEvent> out = new ArrayList<>(last(d, limit));
        out.sort(java.util.Comparator.comparing(LifecycleEvent::time, java.util.Comparator.nullsFirst(Instant::compareTo)));
        return out;
    }

    /** What the power workers reported. */
    public PowerLedger power() {
        return power;
    }

    public List<LifecycleEvent> recentEvents(int limit) {
        return last(recent, limit);
    }

    private static List<LifecycleEvent> last(Deque<StoredEvent> events, int limit) {
        List<StoredEvent> all;
        synchronized (events) {
            all = new ArrayList<>(events);
        }
        List<LifecycleEvent> out = new ArrayList<>(Math.min(limit, all.size()));
        for (StoredEvent e : all.subList(Math.max(0, all.size() - limit), all.size())) {
            LifecycleEvent decoded = e.event();
            if (decoded != null) {
                out.add(decoded);
            }
        }
        return out;
    }

    /** Live lifecycle events (not the replayed history) go to {@code listener} until removed. */
    public Runnable subscribe(Consumer<LifecycleEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Completes when the command with this request id has been applied or rejected. */
    public CompletableFuture<RequestOutcome> awaitRequest(String requestId) {
        return waiters.computeIfAbsent(requestId, k -> new CompletableFuture<>());
    }

    public void forget(String requestId) {
        waiters.remove(requestId);
    }

    private void run() {
        try {
            List<TopicPartition> replay = new ArrayList<>();
            for (String t : List.of(topics.nodes(), topics.discovered(), topics.inventory(), topics.events(),
                    topics.powerStatus())) {
                replay.addAll(partitions(t));
            }
            List<TopicPartition> live = partitions(topics.heartbeats());
            List<TopicPartition> all = new ArrayList<>(replay);
            all.addAll(live);
            consumer.assign(all);
            consumer.seekToBeginning(replay);
            consumer.seekToEnd(live);
            replayEnds = new HashMap<>(consumer.endOffsets(replay));
            checkCaughtUp();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                noteBrokerResponses();
                if (!caughtUp) {
                    checkCaughtUp();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("cluster view stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Reads the consumer's count of responses received; on the view's thread, as the consumer is single-threaded. */
    private void noteBrokerResponses() {
        if (responsesReceived == null) {
            consumer.metrics().forEach((name, metric) -> {
                if ("response-total".equals(name.name()) && "consumer-metrics".equals(name.group())) {
                    responsesReceived = metric;
                }
            });
        }
        double count = responsesReceived == null ? -1 : ((Number) responsesReceived.metricValue()).doubleValue();
        if (count > responseCount) {
            responseCount = count;
            lastBrokerResponse = System.nanoTime();
            brokerAnswered = true;
        }
    }

    private List<TopicPartition> partitions(String topic) {
        while (running) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            LOG.info("waiting for topic {}", topic);
        }
        return List.of();
    }

    private void checkCaughtUp() {
        for (var e : replayEnds.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return;
            }
        }
        long t0 = System.nanoTime();
        int replayed = replayedNodes.size();
        // Both cores: the replay's end is what a restarted controller's readiness waits for.
        replayedNodes.entrySet().parallelStream().forEach(e -> putNode(e.getKey(), e.getValue()));
        replayedNodes.clear();
        LOG.info("cluster view decoded the latest state of {} nodes in {} ms", replayed, (System.nanoTime() - t0) / 1_000_000);
        caughtUp = true;
        LOG.info("cluster view caught up: {} nodes, {} discovered", nodes.size(), discovered.size());
    }

    void apply(ConsumerRecord<String, byte[]> r) {
        String topic = r.topic();
        if (topic.equals(topics.nodes())) {
            if (r.value() == null) {
                replayedNodes.remove(r.key());
                nodes.remove(r.key());
                heartbeats.remove(r.key());
                power.forget(r.key());
            } else if (replaying(r)) {
                replayedNodes.put(r.key(), r.value());
            } else {
                replayedNodes.remove(r.key());
                putNode(r.key(), r.value());
            }
        } else if (topic.equals(topics.heartbeats())) {
            if (r.key() != null && r.value() != null && r.value().length <= MAX_HEARTBEAT_BYTES
                && (nodes.containsKey(r.key()) || replayedNodes.containsKey(r.key()))) {
                heartbeats.put(r.key(), new ReceivedBeat(r.key(), r.value(), Instant.now()));
            }
        } else if (topic.equals(topics.events())) {
            if (replaying(r)) {
                // Keyed by node, or by MAC for an unknown client: the key event() would use.
                if (r.key() != null && r.value() != null) {
                    keep(r.key(), new StoredEvent(r.value()));
                }
            } else if (Codec.EVENT.decode(r.value()) instanceof Decoded.Ok<LifecycleEvent> ok) {
                event(ok.value(), r.value());
            }
        } else if (topic.equals(topics.discovered())) {
            if (r.value() == null) {
                discovered.remove(r.key());
            } else if (Codec.DISCOVERED.decode(r.value()) instanceof Decoded.Ok<DiscoveredMac> ok) {
                discovered.put(r.key(), ok.value());
            }
        } else if (topic.equals(topics.powerStatus())) {
            LifecycleEvent e = power.apply(r.key(), r.value());
            if (e != null) {
                // Kept and streamed like the controller's own events: ctl follows a power request by its id.
                event(e, Codec.EVENT.encode(e));
            }
        } else if (topic.equals(topics.inventory()) && ClusterInventory.KEY.equals(r.key())) {
            if (r.value() != null && Codec.INVENTORY.decode(r.value()) instanceof Decoded.Ok<ClusterInventory> ok) {
                inventory = ok.value();
            }
        }
    }

    /** A record of the history the view replays at start, not one that arrived since. */
    private boolean replaying(ConsumerRecord<String, byte[]> r) {
        return !caughtUp && r.offset() < replayEnds.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L);
    }

    private void putNode(String key, byte[] value) {
        if (Codec.NODE_STATE.decode(value) instanceof Decoded.Ok<NodeState> ok) {
            nodes.put(key, ok.value());
            complete(ok.value().lastRequestId(), new RequestOutcome(true, null));
        }
    }

    private void event(LifecycleEvent e, byte[] bytes) {
        String key = e.node() != null ? e.node() : e.mac() != null ? e.mac().value() : null;
        StoredEvent stored = new StoredEvent(bytes);
        if (key != null) {
            keep(key, stored);
        } else {
            keepRecent(stored);
        }
        if (e.kind() == LifecycleKind.COMMAND_REJECTED) {
            complete(e.requestId(), new RequestOutcome(false, e.detail()));
        } else if (e.kind() == LifecycleKind.NODE_REMOVED) {
            complete(e.requestId(), new RequestOutcome(true, null));
        }
        if (caughtUp) {
            for (Consumer<LifecycleEvent> l : listeners) {
                l.accept(e);
            }
        }
    }

    private void keep(String key, StoredEvent e) {
        Deque<StoredEvent> d = nodeEvents.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(e);
            while (d.size() > EVENTS_PER_NODE) {
                d.removeFirst();
            }
        }
        keepRecent(e);
    }

    private void keepRecent(StoredEvent e) {
        synchronized (recent) {
            recent.addLast(e);
            while (recent.size() > EVENTS_RECENT) {
                recent.removeFirst();
            }
        }
    }

    private void complete(String requestId, RequestOutcome outcome) {
        if (requestId == null) {
            return;
        }
        CompletableFuture<RequestOutcome> f = waiters.remove(requestId);
        if (f != null) {
            f.complete(outcome);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
