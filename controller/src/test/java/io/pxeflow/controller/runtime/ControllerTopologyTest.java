package io.pxeflow.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pxeflow.controller.domain.ControllerPolicy;
import io.pxeflow.controller.domain.NodeStateMachine;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.DeadLetter;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import io.pxeflow.protocol.message.StagePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller's topology with Kafka Streams' TopologyTestDriver: no broker, a hand-moved
 * clock, the wall clock advanced to run the punctuator. What a node's inputs do in the order its
 * partition delivers them, how a restarted task picks its nodes up from the store, and the
 * liveness punctuation.
 */
class ControllerTopologyTest {
    private static final Topics T = new Topics("t.");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final ClassSpec CENTOS = new ClassSpec("centos", "/boot/vmlinuz", "/boot/initrd.img", "ks=nfs:x",
        null, null, null, StagePolicy.ON_PXE_SERVED);
    private static final ClassSpec WAIT = new ClassSpec("wait", "/boot/vmlinuz", "/boot/initrd.img", "ks=nfs:x",
        null, null, null, StagePolicy.ON_INSTALL_COMPLETE);

    /** The wall clock the processors read; moved together with the driver's. */
    private static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<TopologyTestDriver> drivers = new ArrayList<>();
    private TopologyTestDriver driver;
    private int requests;

    @AfterEach
    void close() {
        drivers.forEach(TopologyTestDriver::close);
    }

    /** A new task, as after a restart: the previous one (if any) is gone. */
    private TopologyTestDriver start() {
        if (driver != null) {
            driver.close();
            drivers.remove(driver);
        }
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        registry.clear();
        driver = new TopologyTestDriver(ControllerTopology.build(T, new NodeStateMachine(ControllerPolicy.defaults()), clock,
            new ControllerMetrics(registry)), p, clock.now);
        drivers.add(driver);
        return driver;
    }

    private void advance(Duration d) {
        clock.now = clock.now.plus(d);
        driver.advanceWallClockTime(d);
    }

    private void send(String topic, String key, byte[] value) {
        clock.now = clock.now.plusMillis(10);
        TestInputTopic<String, byte[]> in = driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
        in.pipeInput(key, value, clock.now);
    }

    private static MacAddress mac(int i) {
        return MacAddress.of(String.format("02:00:00:00:00:%02x", i));
    }

    private static NodeSpec spec(int i, ClassSpec c) {
        return new NodeSpec(i, "n" + i, List.of(mac(i)), Ipv4Address.parse("10.9.0." + i), c, null, BootSequence.PXE_LOCAL);
    }

    private Command.Meta meta() {
        return new Command.Meta("r" + ++requests, "test", clock.now);
    }

    private void add(int i, ClassSpec c) {
        send(T.commands(), "n" + i, Codec.COMMAND.encode(new Command.PutNode("n" + i, meta(), spec(i, c), null)));
    }

    private void served(String key, int i) {
        send(T.pxe(), key, Codec.PXE.encode(new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, mac(i), null,
            "pxelinux.cfg/" + mac(i).pxelinuxName(), 400L, "head", clock.now)));
    }

    private void discover(String key, MacAddress mac) {
        send(T.dhcp(), key, Codec.DHCP.encode(new DhcpEvent(DhcpMessageType.DISCOVER, mac, null, null, null, null, null, null,
            null, clock.now)));
    }

    private void beat(int i, String bootId, int interval) {
        send(T.heartbeats(), "n" + i, Codec.HEARTBEAT.encode(new Heartbeat("n" + i, bootId, 1, clock.now, interval, null,
            null, null, null, null, null, null, null, null, null, null, null, null, List.of(), List.of())));
    }

    private void reprovision(int i) {
        send(T.commands(), "n" + i, Codec.COMMAND.encode(new Command.Reprovision("n" + i, meta(), false)));
    }

    private TestOutputTopic<String, byte[]> out(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The latest published state of every node. */
    private Map<String, NodeState> nodes() {
        Map<String, NodeState> m = new HashMap<>();
        for (KeyValue<String, byte[]> kv : out(T.nodes()).readKeyValuesToList()) {
            m.put(kv.key, kv.value == null ? null : ((Decoded.Ok<NodeState>) Codec.NODE_STATE.decode(kv.value)).value());
        }
        return m;
    }

    private List<LifecycleEvent> events() {
        return out(T.events()).readValuesToList().stream()
            .map(v -> ((Decoded.Ok<LifecycleEvent>) Codec.EVENT.decode(v)).value()).toList();
    }

    private List<DeadLetter> deadLetters() {
        return out(T.deadletter()).readValuesToList().stream()
            .map(v -> ((Decoded.Ok<DeadLetter>) Codec.DEAD_LETTER.decode(v)).value()).toList();
    }

    private Map<String, String> addresses() {
        Map<String, String> m = new LinkedHashMap<>();
        out(T.addresses()).readKeyValuesToList().forEach(kv ->
            m.put(kv.key, kv.value == null ? null : new String(kv.value, StandardCharsets.UTF_8)));
        return m;
    }

    @Test
    void aNodesInputsOnItsTopics_areAppliedInTheOrderTheyCome_andTheAddIsPublishedForBridges() {
        start();
        add(1, CENTOS);
        assertEquals(Map.of("mac/02:00:00:00:00:01", "n1", "ip/10.9.0.1", "n1"), addresses(),
            "the bridges learn who owns the node's MAC and IP");
        served("n1", 1);
        reprovision(1);
        add(2, CENTOS);
        reprovision(2);
        served("n2", 2);
        Map<String, NodeState> nodes = nodes();
        assertEquals(BootStage.PXE, nodes.get("n1").stage(), "served, then reprovisioned: pxe again");
        assertEquals(3, nodes.get("n1").generation());
        assertEquals(BootStage.LOCAL, nodes.get("n2").stage(), "reprovisioned at pxe (nothing to do), then served: local");
        assertEquals(2, nodes.get("n2").generation());
    }

    @Test
    void anEventKeyedByAClient_isDiscovery_andOneKeyedByANodeThatDoesNotOwnIt_isDeadLettered() {
        start();
        add(1, CENTOS);
        add(2, CENTOS);
        discover("mac/02:00:00:00:00:77", MacAddress.of("02:00:00:00:00:77"));
        discover("n2", mac(1));
        discover("mac/02:00:00:00:00:01", MacAddress.of("02:00:00:00:00:02"));
        List<String> discovered = out(T.discovered()).readKeyValuesToList().stream().map(kv -> kv.key).toList();
        assertEquals(List.of("02:00:00:00:00:77"), discovered);
        List<DeadLetter> dead = deadLetters();
        assertEquals(2, dead.size(), dead.toString());
        assertTrue(dead.get(0).reason().contains("does not own the record's client 02:00:00:00:00:01"), dead.get(0).reason());
        assertTrue(dead.get(1).reason().startsWith("key \"mac/02:00:00:00:00:01\" does not match"), dead.get(1).reason());
        assertEquals(NodeStatus.REGISTERED, nodes().get("n2").status(), "n2 did not take n1's DISCOVER");
    }

    @Test
    void anEventForANodeRemovedSinceTheBridgeLookedItUp_isDiscovery() {
        start();
        add(1, CENTOS);
        send(T.commands(), "n1", Codec.COMMAND.encode(new Command.RemoveNode("n1", meta())));
        Map<String, String> gone = new HashMap<>();
        gone.put("mac/02:00:00:00:00:01", null);
        gone.put("ip/10.9.0.1", null);
        assertEquals(gone, addresses(), "the removal takes the node's addresses back (tombstones)");
        discover("n1", mac(1));
        assertEquals(List.of("02:00:00:00:00:01"), out(T.discovered()).readKeyValuesToList().stream().map(kv -> kv.key).toList());
    }

    @Test
    void theInstallersReport_onTheHeartbeatTopic_completesTheInstallItIsFor_andNothingElse() {
        start();
        add(1, WAIT);
        beat(1, "boot-os", 30);
        served("n1", 1);
        send(T.heartbeats(), "n1", Codec.INSTALL_REPORT.encode(InstallReport.of("n1", "boot-os", clock.now, "i1")));
        assertEquals(BootStage.PXE, nodes().get("n1").stage(), "from the boot that was up: not the installer's");
        send(T.heartbeats(), "n1", Codec.INSTALL_REPORT.encode(InstallReport.of("n1", "boot-installer", clock.now, "i2")));
        assertEquals(BootStage.LOCAL, nodes().get("n1").stage());
        send(T.heartbeats(), "n2", Codec.INSTALL_REPORT.encode(InstallReport.of("n1", "boot-installer", clock.now, "i3")));
        assertEquals(1, deadLetters().size(), "a report keyed by another node is refused");
        List<LifecycleKind> kinds = events().stream().map(LifecycleEvent::kind).toList();
        assertTrue(kinds.contains(LifecycleKind.COMMAND_REJECTED) && kinds.contains(LifecycleKind.INSTALL_COMPLETE), kinds.toString());
    }

    @Test
    void anInputOlderThanOneAlreadyAppliedToItsNode_isCountedLate_andStillApplied() {
        start();
        add(1, CENTOS);
        add(2, CENTOS);
        Instant added = clock.now;
        beat(1, "boot-1", 30);
        clock.now = clock.now.plusMillis(10);
        driver.createInputTopic(T.pxe(), new StringSerializer(), new ByteArraySerializer()).pipeInput("n1",
            Codec.PXE.encode(new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, mac(1), null, "pxelinux.cfg/" + mac(1).pxelinuxName(),
                400L, "head", added)), added);
        served("n2", 2);
        assertEquals(1.0, registry.get("pxeflow_late_inputs").counter().count(),
            "n1's TFTP report, stamped before n1's heartbeat, came after it; n2's own order is fine");
        assertEquals(BootStage.LOCAL, nodes().get("n1").stage(), "a late input is still applied");
    }

    @Test
    void theInputsWhoseDeadLettersAreDeclared_areTheTopicsTheTopologyReads() {
        Set<String> read = new HashSet<>();
        ControllerTopology.build(T, new NodeStateMachine(ControllerPolicy.defaults()), clock, new ControllerMetrics(registry))
            .describe().subtopologies().forEach(st -> st.nodes().forEach(n -> {
                if (n instanceof TopologyDescription.Source source) {
                    read.addAll(source.topicSet());
                }
            }));
        assertEquals(read, Set.copyOf(ControllerTopology.inputs(T)));
    }

    @Test
    void liveness_isJudgedByThePunctuator_onTheWallClock() {
        start();
        add(1, CENTOS);
        beat(1, "boot-1", 2);
        nodes();
        advance(Duration.ofSeconds(5));
        assertEquals(Map.of(), nodes(), "two intervals of silence: still up, nothing written");
        advance(Duration.ofSeconds(2));
        assertEquals(NodeStatus.STALE, nodes().get("n1").status(), "three intervals: stale");
        advance(Duration.ofSeconds(14));
        assertEquals(NodeStatus.DOWN, nodes().get("n1").status(), "ten intervals: down");
        beat(1, "boot-1", 2);
        assertEquals(NodeStatus.UP, nodes().get("n1").status());
    }

    @Test
    void aRestartedTask_takesItsNodesFromTheStore_givesUpNodesAGracePeriod_andPublishesNothingTwice() {
        start();
        add(1, CENTOS);
        add(2, CENTOS);
        beat(1, "boot-1", 2);
        served("n2", 2);
        Map<String, byte[]> stored = new HashMap<>();
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(Sinks.NODE_STORE);
        advance(Duration.ofSeconds(1));
        assertEquals(4, addresses().size(), "n1's and n2's MAC and IP went out with their adds, once");
        try (var it = store.all()) {
            it.forEachRemaining(kv -> stored.put(kv.key, kv.value));
        }
        assertTrue(stored.containsKey(NodeProcessor.ADDRESSES_PUBLISHED));

        // kill -9: a new task whose store the changelog restored, an empty map, no heartbeat times.
        clock.now = clock.now.plusSeconds(60);
        start();
        KeyValueStore<String, byte[]> restored = driver.getKeyValueStore(Sinks.NODE_STORE);
        stored.forEach(restored::put);
        advance(Duration.ofSeconds(1));
        assertEquals(Map.of(), addresses(), "the store says its addresses were published: none again");
        advance(Duration.ofSeconds(4));
        assertEquals(Map.of(), nodes(), "an up node gets staleAfterIntervals from the restart, not from its last beat");
        advance(Duration.ofSeconds(2));
        assertEquals(NodeStatus.STALE, nodes().get("n1").status(), "silent since the restart: stale on time");
        reprovision(2);
        NodeState n2 = nodes().get("n2");
        assertEquals(BootStage.PXE, n2.stage(), "decoded on its first input after the restart");
        assertEquals(3, n2.generation());
    }

    @Test
    void aStoreFromBeforeTheAddressesTopic_publishesEveryNodesAddressesOnce() {
        start();
        NodeState old = NodeState.builder(spec(5, CENTOS), BootStage.LOCAL, T0).generation(4).build();
        driver.getKeyValueStore(Sinks.NODE_STORE).put("n5", Codec.NODE_STATE.encode(old));
        advance(Duration.ofSeconds(1));
        assertEquals(Map.of("mac/02:00:00:00:00:05", "n5", "ip/10.9.0.5", "n5"), addresses());
        advance(Duration.ofSeconds(5));
        assertEquals(Map.of(), addresses());
        assertNull(nodes().get("n5"), "publishing addresses writes no node state");
    }

    @Test
    void theSameInputsGiveTheSameOutputs_aReplayIsDeterministic() {
        List<String> first = run();
        clock.now = T0;
        requests = 0;
        List<String> second = run();
        assertEquals(first, second);
    }

    private List<String> run() {
        start();
        add(1, CENTOS);
        discover("n1", mac(1));
        served("n1", 1);
        beat(1, "b1", 5);
        reprovision(1);
        served("n1", 1);
        List<String> out = new ArrayList<>();
        out(T.config()).readKeyValuesToList().forEach(kv -> out.add("config " + kv.key + " " + new String(kv.value,
            StandardCharsets.UTF_8)));
        events().forEach(e -> out.add("event " + e));
        return out;
    }
}
