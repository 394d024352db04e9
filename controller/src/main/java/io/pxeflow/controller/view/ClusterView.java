package io.pxeflow.controller.view;

import io.pxeflow.kafka.replay.TopicReplay;
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
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The read side every controller instance keeps of the whole cluster, whichever partitions it
 * owns; the REST API reads only this. One {@link TopicReplay} feeds it: the compacted
 * {@code nodes}, {@code discovered} and {@code inventory} topics and the {@code events} history
 * from their beginning, the live {@code heartbeats} from their end. Each job has its own part:
 * the {@link NodeTable}, the {@link EventHistory}, the {@link HeartbeatBoard}, the
 * {@link RequestWaiters} of REST calls waiting for their command to be applied, and the
 * {@link PowerLedger} of what the power workers reported ({@code power-status}, replayed too).
 */
public final class ClusterView implements AutoCloseable {
    static final int MAX_HEARTBEAT_BYTES = HeartbeatBoard.MAX_HEARTBEAT_BYTES;

    private final Topics topics;
    private final RequestWaiters waiters = new RequestWaiters();
    private final NodeTable table = new NodeTable(s -> waiters.complete(s.lastRequestId(), new RequestOutcome(true, null)));
    private final EventHistory history = new EventHistory();
    private final HeartbeatBoard heartbeats = new HeartbeatBoard();
    private final PowerLedger power = new PowerLedger();
    private final TopicReplay replay;

    /** A heartbeat and when this controller received it. */
    public record HeartbeatSeen(Heartbeat heartbeat, Instant received) {
    }

    /** How a command ended, as seen on the topics. */
    public record RequestOutcome(boolean applied, String reason) {
    }

    public ClusterView(String bootstrap, Topics topics, String instanceId) {
        this(KafkaConnection.plain(bootstrap), topics, instanceId);
    }

    public ClusterView(KafkaConnection kafka, Topics topics, String instanceId) {
        this.topics = topics;
        this.replay = new TopicReplay("cluster-view", kafka, Map.of(ConsumerConfig.CLIENT_ID_CONFIG, instanceId + "-view"),
            List.of(topics.nodes(), topics.discovered(), topics.inventory(), topics.events(), topics.powerStatus()),
            List.of(topics.heartbeats()),
            new TopicReplay.Handler() {
                @Override
                public void record(ConsumerRecord<String, byte[]> r, boolean replayed) {
                    apply(r, replayed);
                }

                @Override
                public void caughtUp() {
                    table.replayDone();
                }
            });
    }

    public void start() {
        replay.start();
    }

    /** True once the replay of the compacted topics and the event history is done. */
    public boolean caughtUp() {
        return replay.caughtUp();
    }

    /** Whether the broker answered this view's consumer within the last 10 s: if not, every answer is going stale. */
    public boolean brokerReachable() {
        return replay.brokerReachable();
    }

    public Collection<NodeState> nodes() {
        return table.nodes();
    }

    public NodeState node(String name) {
        return table.node(name);
    }

    public HeartbeatSeen heartbeat(String node) {
        return heartbeats.heartbeat(node);
    }

    public Collection<DiscoveredMac> discovered() {
        return table.discovered();
    }

    public ClusterInventory inventory() {
        return table.inventory();
    }

    public List<LifecycleEvent> events(String node, int limit) {
        // Power results replay from their own topic, beside the node's events: put them in time order.
        List<LifecycleEvent> out = new java.util.ArrayList<>(history.events(node, limit));
        out.sort(java.util.Comparator.comparing(LifecycleEvent::time, java.util.Comparator.nullsFirst(Instant::compareTo)));
        return out;
    }

    /** What the power workers reported. */
    public PowerLedger power() {
        return power;
    }

    public List<LifecycleEvent> recentEvents(int limit) {
        return history.recent(limit);
    }

    /** Live lifecycle events (not the replayed history) go to {@code listener} until removed. */
    public Runnable subscribe(Consumer<LifecycleEvent> listener) {
        return history.subscribe(listener);
    }

    /** Completes when the command with this request id has been applied or rejected. */
    public CompletableFuture<RequestOutcome> awaitRequest(String requestId) {
        return waiters.await(requestId);
    }

    public void forget(String requestId) {
        waiters.forget(requestId);
    }

    /** A record that arrived after the replay (tests feed the view this way, without a broker). */
    void apply(ConsumerRecord<String, byte[]> r) {
        apply(r, false);
    }

    private void apply(ConsumerRecord<String, byte[]> r, boolean replayed) {
        String topic = r.topic();
        if (topic.equals(topics.nodes())) {
            table.node(r.key(), r.value(), replayed);
            if (r.value() == null) {
                heartbeats.forget(r.key());
                power.forget(r.key());
            }
        } else if (topic.equals(topics.heartbeats())) {
            if (r.key() != null && table.knows(r.key())) {
                heartbeats.record(r.key(), r.value(), Instant.now());
            }
        } else if (topic.equals(topics.events())) {
            if (replayed) {
                history.history(r.key(), r.value());
            } else if (Codec.EVENT.decode(r.value()) instanceof Decoded.Ok<LifecycleEvent> ok) {
                event(ok.value(), r.value());
            }
        } else if (topic.equals(topics.discovered())) {
            table.discovered(r.key(), r.value());
        } else if (topic.equals(topics.inventory())) {
            table.inventory(r.key(), r.value());
        } else if (topic.equals(topics.powerStatus())) {
            LifecycleEvent e = power.apply(r.key(), r.value());
            if (e != null) {
                // Kept and streamed like the controller's own events: ctl follows a power request by its id.
                byte[] bytes = Codec.EVENT.encode(e);
                if (replayed) {
                    history.history(e.node(), bytes);
                } else {
                    event(e, bytes);
                }
            }
        }
    }

    private void event(LifecycleEvent e, byte[] bytes) {
        history.live(e, bytes);
        if (e.kind() == LifecycleKind.COMMAND_REJECTED) {
            waiters.complete(e.requestId(), new RequestOutcome(false, e.detail()));
        } else if (e.kind() == LifecycleKind.NODE_REMOVED) {
            waiters.complete(e.requestId(), new RequestOutcome(true, null));
        }
    }

    @Override
    public void close() {
        replay.close();
    }
}
