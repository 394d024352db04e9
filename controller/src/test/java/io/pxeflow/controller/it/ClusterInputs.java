package io.pxeflow.controller.it;

import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.field.BootFiles;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the outside world sends the controller, written straight to its input topics the way
 * bridges (once they have looked the client up), reporters and ctl do: everything keyed by node.
 */
public final class ClusterInputs implements AutoCloseable {
    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;

    public ClusterInputs(String bootstrap, Topics topics) {
        this.topics = topics;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public static Command.Meta meta() {
        return new Command.Meta(UUID.randomUUID().toString(), "it", Instant.now());
    }

    public Command command(Command c) {
        producer.send(new ProducerRecord<>(topics.commands(), c.node(), Codec.COMMAND.encode(c)));
        return c;
    }

    public void putNode(int i) {
        command(new Command.PutNode(TestCluster.name(i), meta(), TestCluster.spec(i), null));
    }

    public Command.Reprovision reprovision(int i, boolean wipe) {
        return (Command.Reprovision) command(new Command.Reprovision(TestCluster.name(i), meta(), wipe));
    }

    /** The DHCP/TFTP server served node i its own pxelinux config: its PXE answer. */
    public PxeEvent configServed(int i) {
        PxeEvent e = new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, TestCluster.mac(i), TestCluster.ip(i),
            "/tftpboot/pxelinux.cfg/" + TestCluster.mac(i).pxelinuxName(), 900L, "head", Instant.now());
        producer.send(new ProducerRecord<>(topics.pxe(), TestCluster.name(i), Codec.PXE.encode(e)));
        return e;
    }

    /**
     * The controller's iPXE endpoint answered node i with its netboot script. Unlike a TFTP report,
     * the machine trusts what this answer says whenever it was stamped, so it can be sent the moment
     * a node is added.
     */
    public PxeEvent ipxeNetbootAnswered(int i) {
        PxeEvent e = new PxeEvent(PxeTransport.IPXE_ENDPOINT, PxeOutcome.SENT, TestCluster.mac(i), null,
            BootFiles.IPXE_ANSWER_NETBOOT, 300L, "controller", Instant.now());
        producer.send(new ProducerRecord<>(topics.pxe(), TestCluster.name(i), Codec.PXE.encode(e)));
        return e;
    }

    public void dhcp(int i, DhcpMessageType type) {
        DhcpEvent e = new DhcpEvent(type, TestCluster.mac(i), type == DhcpMessageType.ACK ? TestCluster.ip(i) : null,
            null, "PXEClient:Arch:00000:UNDI:002001", null, 0, "eth1", "head", Instant.now());
        producer.send(new ProducerRecord<>(topics.dhcp(), TestCluster.name(i), Codec.DHCP.encode(e)));
    }

    /** Promises 30 s intervals, so an up node stays up (not stale) for the length of a test. */
    public void heartbeat(int i, String bootId) {
        heartbeat(i, bootId, 30);
    }

    public void heartbeat(int i, String bootId, int intervalSeconds) {
        Heartbeat h = new Heartbeat(TestCluster.name(i), bootId, 1, Instant.now(), intervalSeconds, "it", "6.1.0", 10.0, 0.1, 0.1,
            0.1, 0.01, 0.0, 4, 8L << 30, 6L << 30, 0L, 0L, List.of(), List.of());
        producer.send(new ProducerRecord<>(topics.heartbeats(), h.node(), Codec.HEARTBEAT.encode(h)));
    }

    /** Node i's installer says it finished, from boot {@code bootId}, on the node's own input as its reporter sends it. */
    public void installComplete(int i, String bootId) {
        InstallReport r = InstallReport.of(TestCluster.name(i), bootId, Instant.now(), null);
        producer.send(new ProducerRecord<>(topics.heartbeats(), r.node(), Codec.INSTALL_REPORT.encode(r)));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
