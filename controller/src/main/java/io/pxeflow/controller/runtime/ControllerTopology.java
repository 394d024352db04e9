package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.NodeInput;
import io.pxeflow.controller.domain.NodeStateMachine;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.ConfigApplied;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.PxeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The controller as a Kafka Streams Processor API topology.
 *
 * <pre>
 * dhcp, pxe (by MAC/IP) ── resolve via global address index ──► controller.node-events (by node; + watermarks)
 *                            (unknown client: held until the index knows it, or the grace is over)
 *                                                        └──► discovery ──► discovered, events
 * commands, heartbeats, config-status, node-events ── decode ──► sequence (timestamp order) ──► node (state machine)
 *     node ──► nodes (durable transitions), config, events, controller.addresses; bad input ──► deadletter
 * inventory ── check ──► deadletter (refused records only; the view reads the topic itself)
 * </pre>
 */
public final class ControllerTopology {
    private ControllerTopology() {
    }

    /**
     * @param discoveryGrace how long a DHCP/PXE event from a client the address index does not know
     *                       waits for it (a node added a moment earlier) before it is filed as discovered
     * @param maxHold        the longest an input waits for the DHCP/PXE events older than it; zero
     *                       applies inputs as they arrive, unordered across topics
     * @param ends           looks at the DHCP/PXE topics' end offsets, for the resolver's watermarks
     *                       (unused when {@code maxHold} is zero)
     * @param viewCaughtUp   whether the instance's read view has caught up: until then (at most
     *                       {@link NodeProcessor#DECODE_DEFERRAL}) restored states are decoded only on demand
     */
    public static Topology build(Topics topics, NodeStateMachine machine, Clock clock, ControllerMetrics metrics,
                                 Duration discoveryGrace, Duration maxHold, Supplier<List<EndOffsets>> ends,
                                 java.util.function.BooleanSupplier viewCaughtUp) {
        boolean sequenced = !maxHold.isZero();
        InternalTopics internal = new InternalTopics(topics);
        Topology t = new Topology();
        StringDeserializer sk = new StringDeserializer();
        ByteArrayDeserializer bv = new ByteArrayDeserializer();
        StringSerializer ssk = new StringSerializer();
        ByteArraySerializer sbv = new ByteArraySerializer();

        t.addGlobalStore(
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Sinks.ADDRESS_STORE), Serdes.String(), Serdes.String())
                .withLoggingDisabled(),
            "addresses-source", sk, bv, internal.addresses(), "addresses-loader", AddressLoader::new);

        // Resolution of MAC/IP-keyed events to nodes.
        t.addSource("dhcp-source", sk, bv, topics.dhcp());
        t.addSource("pxe-source", sk, bv, topics.pxe());
        // One resolver for both topics: a client's DHCP and PXE events wait in one queue, in order.
        t.addProcessor(AddressResolver.NAME, () -> new AddressResolver(topics.dhcp(), topics.pxe(),
            sequenced ? ends : null, discoveryGrace, clock, metrics), "dhcp-source", "pxe-source");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Sinks.HELD_STORE),
            Serdes.String(), new HeldInputsSerde()), AddressResolver.NAME);
        t.addProcessor(DiscoveryProcessor.NAME, () -> new DiscoveryProcessor(clock), AddressResolver.NAME);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Sinks.DISCOVERED_STORE),
            Serdes.String(), new JsonSerde<>(Codec.DISCOVERED)), DiscoveryProcessor.NAME);
        t.addSink(Sinks.NODE_EVENTS, internal.nodeEvents(), ssk, sbv, HopRecords.PARTITIONER, AddressResolver.NAME);
        t.addSink(Sinks.DISCOVERED, topics.discovered(), ssk, sbv, DiscoveryProcessor.NAME);
        t.addSink(Sinks.RESOLVER_EVENTS, topics.events(), ssk, sbv, DiscoveryProcessor.NAME);
        t.addSink(Sinks.RESOLVER_DEADLETTER, topics.deadletter(), ssk, sbv, AddressResolver.NAME);

        // The node state machine, fed by every node-keyed input in the order the inputs happened.
        t.addSource("commands-source", sk, bv, topics.commands());
        t.addSource("heartbeats-source", sk, bv, topics.heartbeats());
        t.addSource("status-source", sk, bv, topics.configStatus());
        t.addSource("node-events-source", sk, bv, internal.nodeEvents());
        t.addProcessor(NodeEventRouter.NAME, () -> new NodeEventRouter(metrics), "node-events-source");
        t.addProcessor("commands-decode", () -> new DecodeProcessor<>(Codec.COMMAND, NodeInput.Cmd::new, InputKind.COMMAND,
            Command::node, metrics, Sinks.DEADLETTER), "commands-source");
        t.addProcessor("heartbeats-decode", () -> new DecodeProcessor<>(Codec.HEARTBEAT, NodeInput.Beat::new,
            InputKind.HEARTBEAT, Heartbeat::node, metrics, Sinks.DEADLETTER), "heartbeats-source");
        t.addProcessor("status-decode", () -> new DecodeProcessor<>(Codec.CONFIG_APPLIED, NodeInput.Applied::new,
            InputKind.STATUS, ConfigApplied::node, metrics, Sinks.DEADLETTER), "status-source");
        t.addProcessor(NodeEventRouter.DHCP_DECODE, () -> new DecodeProcessor<DhcpEvent>(Codec.DHCP, NodeInput.Dhcp::new,
            InputKind.DHCP, null, metrics, Sinks.DEADLETTER), NodeEventRouter.NAME);
        t.addProcessor(NodeEventRouter.PXE_DECODE, () -> new DecodeProcessor<PxeEvent>(Codec.PXE, NodeInput.Pxe::new,
            InputKind.PXE, null, metrics, Sinks.DEADLETTER), NodeEventRouter.NAME);
        String[] inputs = {"commands-decode", "heartbeats-decode", "status-decode", NodeEventRouter.DHCP_DECODE,
            NodeEventRouter.PXE_DECODE, NodeEventRouter.NAME};
        t.addProcessor(InputSequencer.NAME, () -> new InputSequencer(maxHold, clock, metrics), inputs);
        // What waits for its turn, minus heartbeats: few records, so the changelog costs little.
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Sinks.SEQUENCED_STORE),
            Serdes.String(), Serdes.ByteArray()), InputSequencer.NAME);
        t.addProcessor(NodeProcessor.NAME, () -> new NodeProcessor(machine, clock, metrics, sequenced, viewCaughtUp), InputSequencer.NAME);
        // NodeState JSON, kept as bytes: the node processor decodes them itself, lazily after a restart.
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Sinks.NODE_STORE),
            Serdes.String(), Serdes.ByteArray()), NodeProcessor.NAME);
        t.addSink(Sinks.NODES, topics.nodes(), ssk, sbv, NodeProcessor.NAME);
        t.addSink(Sinks.CONFIG, topics.config(), ssk, sbv, NodeProcessor.NAME);
        t.addSink(Sinks.EVENTS, topics.events(), ssk, sbv, NodeProcessor.NAME);
        t.addSink(Sinks.ADDRESSES, internal.addresses(), ssk, sbv, NodeProcessor.NAME);
        t.addSink(Sinks.DEADLETTER, topics.deadletter(), ssk, sbv, inputs);

        // The inventory feeds only the view, which every instance reads whole; its refused records
        // are dead-lettered here, once, rather than by every instance's view.
        t.addSource("inventory-source", sk, bv, topics.inventory());
        t.addProcessor("inventory-check", () -> new DecodeProcessor<ClusterInventory>(Codec.INVENTORY, null, null,
            inv -> ClusterInventory.KEY, metrics, Sinks.INVENTORY_DEADLETTER), "inventory-source");
        t.addSink(Sinks.INVENTORY_DEADLETTER, topics.deadletter(), ssk, sbv, "inventory-check");
        return t;
    }

    /** Keeps the global MAC/IP → node index in step with its compacted topic. */
    static final class AddressLoader implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(Sinks.ADDRESS_STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), new String(record.value(), StandardCharsets.UTF_8));
            }
        }
    }
}
