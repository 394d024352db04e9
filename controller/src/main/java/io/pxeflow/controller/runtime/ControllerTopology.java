package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.NodeInput;
import io.pxeflow.controller.domain.NodeStateMachine;
import io.pxeflow.protocol.TopicKeys;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.NodeReports;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.ConfigApplied;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.NodeReport;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The controller as a Kafka Streams Processor API topology. Every input of a node is keyed by the
 * node and the five input topics are co-partitioned, so one task reads all of a node's inputs, in
 * each topic's log order, merged by timestamp (Streams' own synchronisation of co-partitioned
 * inputs): the order is the log's, and a replay after a crash sees the same order.
 *
 * <pre>
 * dhcp, pxe, heartbeats, commands, config-status ── decode (bad: deadletter) ──► node (state machine)
 *     node ──► nodes (durable transitions), config, events, addresses
 * dhcp, pxe keyed by a client no node owns (mac/…, ip/…) ──► discovery ──► discovered, events
 * inventory ── check ──► deadletter (refused records only; the view reads the topic itself)
 * </pre>
 */
public final class ControllerTopology {
    private ControllerTopology() {
    }

    /** The topics this topology reads, each of whose refused records it dead-letters. */
    public static List<String> inputs(Topics topics) {
        return List.of(topics.dhcp(), topics.pxe(), topics.heartbeats(), topics.commands(), topics.configStatus(),
            topics.inventory());
    }

    public static Topology build(Topics topics, NodeStateMachine machine, Clock clock, ControllerMetrics metrics) {
        Topology t = new Topology();
        StringDeserializer sk = new StringDeserializer();
        ByteArrayDeserializer bv = new ByteArrayDeserializer();
        StringSerializer ssk = new StringSerializer();
        ByteArraySerializer sbv = new ByteArraySerializer();

        t.addSource("dhcp-source", sk, bv, topics.dhcp());
        t.addSource("pxe-source", sk, bv, topics.pxe());
        t.addSource("heartbeats-source", sk, bv, topics.heartbeats());
        t.addSource("commands-source", sk, bv, topics.commands());
        t.addSource("status-source", sk, bv, topics.configStatus());
        t.addProcessor("dhcp-decode", () -> new DecodeProcessor<>(Codec.DHCP, TopicKeys::dhcpMismatch,
            NodeInput.Dhcp::new, metrics, Sinks.DEADLETTER), "dhcp-source");
        t.addProcessor("pxe-decode", () -> new DecodeProcessor<>(Codec.PXE, TopicKeys::pxeMismatch,
            NodeInput.Pxe::new, metrics, Sinks.DEADLETTER), "pxe-source");
        t.addProcessor("heartbeats-decode", () -> new DecodeProcessor<NodeReport>(NodeReports.DECODER,
            DecodeProcessor.keyedBy(NodeReport::node), ControllerTopology::report, metrics, Sinks.DEADLETTER),
            "heartbeats-source");
        t.addProcessor("commands-decode", () -> new DecodeProcessor<>(Codec.COMMAND, DecodeProcessor.keyedBy(Command::node),
            NodeInput.Cmd::new, metrics, Sinks.DEADLETTER), "commands-source");
        t.addProcessor("status-decode", () -> new DecodeProcessor<>(Codec.CONFIG_APPLIED,
            DecodeProcessor.keyedBy(ConfigApplied::node), NodeInput.Applied::new, metrics, Sinks.DEADLETTER), "status-source");
        String[] decoded = {"dhcp-decode", "pxe-decode", "heartbeats-decode", "commands-decode", "status-decode"};

        t.addProcessor(NodeProcessor.NAME, () -> new NodeProcessor(machine, clock, metrics), decoded);
        // The durable record of each node as JSON bytes (the changelog's format); the processor keeps it decoded.
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Sinks.NODE_STORE),
            Serdes.String(), Serdes.ByteArray()), NodeProcessor.NAME);
        t.addSink(Sinks.NODES, topics.nodes(), ssk, sbv, NodeProcessor.NAME);
        t.addSink(Sinks.CONFIG, topics.config(), ssk, sbv, NodeProcessor.NAME);
        t.addSink(Sinks.EVENTS, topics.events(), ssk, sbv, NodeProcessor.NAME);
        t.addSink(Sinks.ADDRESSES, topics.addresses(), ssk, sbv, NodeProcessor.NAME);

        t.addProcessor(DiscoveryProcessor.NAME, () -> new DiscoveryProcessor(clock), "dhcp-decode", "pxe-decode",
            NodeProcessor.NAME);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Sinks.DISCOVERED_STORE),
            Serdes.String(), new JsonSerde<>(Codec.DISCOVERED)), DiscoveryProcessor.NAME);
        t.addSink(Sinks.DISCOVERED, topics.discovered(), ssk, sbv, DiscoveryProcessor.NAME);
        t.addSink(Sinks.DISCOVERY_EVENTS, topics.events(), ssk, sbv, DiscoveryProcessor.NAME);
        String[] deadLetterers = {"dhcp-decode", "pxe-decode", "heartbeats-decode", "commands-decode", "status-decode",
            NodeProcessor.NAME};
        t.addSink(Sinks.DEADLETTER, topics.deadletter(), ssk, sbv, deadLetterers);

        // The inventory feeds only the view, which every instance reads whole; its refused records
        // are dead-lettered here, once, rather than by every instance's view.
        t.addSource("inventory-source", sk, bv, topics.inventory());
        t.addProcessor("inventory-check", () -> new DecodeProcessor<ClusterInventory>(Codec.INVENTORY,
            (key, inv) -> TopicKeys.mismatch(key, ClusterInventory.KEY, "node"), null, metrics, Sinks.INVENTORY_DEADLETTER),
            "inventory-source");
        t.addSink(Sinks.INVENTORY_DEADLETTER, topics.deadletter(), ssk, sbv, "inventory-check");
        return t;
    }

    private static NodeInput report(NodeReport r) {
        return r instanceof InstallReport i ? new NodeInput.Installed(i) : new NodeInput.Beat((Heartbeat) r);
    }
}
