package io.pxeflow.headnode;

import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerOutcome;
import io.pxeflow.protocol.message.PowerRequest;
import io.pxeflow.protocol.message.PowerResult;
import io.pxeflow.protocol.message.PowerState;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthetic boot traffic for a cluster's nodes, so every metric and dashboard panel has data:
 * each node DHCPs, is served its PXE config and kernel, and then heartbeats; the last node
 * heartbeats once and goes silent (stale, then down), the one before it is served its PXE config
 * again and again (boot-loop), the first node reboots on the third round, and one malformed
 * record goes to the dead-letter topic. Power: the running nodes are reported on and the
 * boot-looping one off (results as a power worker writes them), and one power request goes to a
 * BMC the head node has no credentials for ({@value #DEMO_CREDENTIALS}), so the power worker's
 * failure series have data too.
 */
public final class DemoFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);
    private static final long GIB = 1L << 30;
    static final String DEMO_CREDENTIALS = "demo-feed-no-such-credentials";

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final int intervalSeconds;
    private final List<NodeSpec> up = new ArrayList<>();
    private final List<String> bootIds = new ArrayList<>();
    private NodeSpec silent;
    private NodeSpec looping;
    private long round;

    public DemoFeed(String bootstrap, Topics topics, int intervalSeconds) {
        this(KafkaConnection.plain(bootstrap), topics, intervalSeconds);
    }

    public DemoFeed(KafkaConnection kafka, Topics topics, int intervalSeconds) {
        Properties p = kafka.properties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "pxeflow-demo-feed");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.intervalSeconds = intervalSeconds;
    }

    /** Boots every node; needs at least three so that up, boot-loop and down all occur. */
    public void boot(List<NodeSpec> nodes) {
        List<NodeSpec> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparingInt(NodeSpec::index));
        if (sorted.size() < 3) {
            throw new IllegalArgumentException("the demo feed needs at least 3 nodes, found " + sorted.size());
        }
        silent = sorted.remove(sorted.size() - 1);
        looping = sorted.remove(sorted.size() - 1);
        up.addAll(sorted);
        Instant now = Instant.now();
        for (NodeSpec n : up) {
            netboot(n, now);
            bootIds.add(UUID.randomUUID().toString());
        }
        netboot(silent, now);
        for (int i = 0; i < 3; i++) {
            pxe(looping, "pxelinux.cfg/" + looping.macs().get(0).pxelinuxName(), now);
        }
        send(topics.dhcp(), up.get(0).name(), "{\"v\":1,\"type\":".getBytes(StandardCharsets.UTF_8));
        power(now);
        producer.flush();
        LOG.info("demo feed: {} nodes booting, {} will go down, {} boot-loops", up.size(), silent.name(), looping.name());
    }

    /** One heartbeat from every running node. */
    public void heartbeats() {
        round++;
        Instant now = Instant.now();
        if (round == 2) {
            // One heartbeat promising a 1 s interval, after its boot events: stale after 3 s, down after 10 s.
            send(topics.heartbeats(), silent.name(), Codec.HEARTBEAT.encode(heartbeat(silent, UUID.randomUUID().toString(),
                1, now, round)));
        }
        if (round == 3) {
            bootIds.set(0, UUID.randomUUID().toString());
            LOG.info("demo feed: {} reboots", up.get(0).name());
        }
        for (int i = 0; i < up.size(); i++) {
            NodeSpec n = up.get(i);
            send(topics.heartbeats(), n.name(), Codec.HEARTBEAT.encode(heartbeat(n, bootIds.get(i), intervalSeconds, now,
                round)));
        }
        producer.flush();
    }

    private void power(Instant now) {
        for (NodeSpec n : up) {
            result(n, PowerAction.STATUS, PowerState.ON, now);
        }
        result(looping, PowerAction.OFF, PowerState.OFF, now);
        // TEST-NET-1: no BMC answers there, and no credentials file is named so: fails at once, harmlessly.
        NodeSpec n = up.get(0);
        PowerRequest r = new PowerRequest("demo-feed-" + UUID.randomUUID(), n.name(), PowerAction.STATUS, false,
            new BmcSpec("192.0.2.10", BmcProtocol.IPMI, DEMO_CREDENTIALS), "demo feed", now, now.plusSeconds(300));
        send(topics.power(), n.name(), Codec.POWER_REQUEST.encode(r));
    }

    private void result(NodeSpec n, PowerAction action, PowerState state, Instant now) {
        send(topics.powerStatus(), n.name(), Codec.POWER_RESULT.encode(new PowerResult("demo-feed-" + UUID.randomUUID(),
            n.name(), action, false, PowerOutcome.SUCCEEDED, state, null, null, "demo-feed", 1, now, now)));
    }

    private void netboot(NodeSpec n, Instant now) {
        MacAddress mac = n.macs().get(0);
        // Keyed by the node, as a bridge keys a registered client's events.
        send(topics.dhcp(), n.name(), Codec.DHCP.encode(new DhcpEvent(DhcpMessageType.DISCOVER, mac, n.ip(), null,
            "PXEClient:Arch:00000:UNDI:002001", null, 0, "eth1", "demo-feed", now)));
        pxe(n, "pxelinux.cfg/" + mac.pxelinuxName(), now);
        String kernel = n.effectiveClass().kernel();
        if (kernel != null && !"none".equals(kernel)) {
            pxe(n, kernel, now);
        }
    }

    private void pxe(NodeSpec n, String path, Instant now) {
        MacAddress mac = n.macs().get(0);
        send(topics.pxe(), n.name(), Codec.PXE.encode(new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, mac, n.ip(), path,
            null, "demo-feed", now)));
    }

    /** Plausible, slowly varying figures that differ from node to node. */
    static Heartbeat heartbeat(NodeSpec n, String bootId, int interval, Instant now, long round) {
        int i = n.index();
        double phase = (i * 0.7 + round * 0.3) % (2 * Math.PI);
        double busy = Math.min(1.0, Math.max(0.0, 0.15 + 0.1 * (i % 8) + 0.1 * Math.sin(phase)));
        long memTotal = 64 * GIB;
        long memAvail = (long) (memTotal * (0.3 + 0.6 * (1 - busy)));
        long rx = 1_000_000L * (i + 1) * (round + 1);
        return new Heartbeat(n.name(), bootId, round, now, interval, "demo-feed", "6.1.0-demo", 3600.0 + round * interval,
            busy * 16, busy * 15, busy * 14, busy, 0.02 * (i % 3), 16, memTotal, memAvail, 4 * GIB, (long) (i % 4) * 64 << 20,
            List.of(new Heartbeat.FilesystemUsage("/", "/dev/sda1", "ext4", 50 * GIB, (50 - 10 - i % 30) * GIB,
                    (48 - 10 - i % 30) * GIB),
                new Heartbeat.FilesystemUsage("/scratch", "/dev/sdb1", "xfs", 1024 * GIB, (1000 - 30L * (i % 30)) * GIB,
                    (1000 - 30L * (i % 30)) * GIB)),
            List.of(new Heartbeat.InterfaceCounters("lo", 1000, 1000, 10, 10, 0, 0),
                new Heartbeat.InterfaceCounters("eth0", rx, rx / 3, rx / 1000, rx / 3000, 0, 0)));
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    @Override
    public void close() {
        producer.close();
    }
}
