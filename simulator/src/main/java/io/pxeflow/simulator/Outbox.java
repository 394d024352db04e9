package io.pxeflow.simulator;

import io.pxeflow.protocol.TopicKeys;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.PxeEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the simulator's messages to the input topics, keyed as the real senders key them. The
 * simulator plays the bridge after its address lookup: it knows every node it registered (and
 * registers them all before any boots), so it keys their DHCP and PXE events by node itself.
 */
public final class Outbox implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong dhcp = new AtomicLong();
    private final AtomicLong pxe = new AtomicLong();
    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public Outbox(String bootstrap, Topics topics) {
        this(io.pxeflow.protocol.KafkaConnection.plain(bootstrap), topics);
    }

    public Outbox(io.pxeflow.protocol.KafkaConnection kafka, Topics topics) {
        Map<String, Object> p = new HashMap<>(kafka.asMap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "simulator");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
    }

    public void command(Command c) {
        send(topics.commands(), c.node(), Codec.COMMAND.encode(c), commands);
    }

    /**
     * A DHCP event as a bridge sends it once it has looked the client up: keyed by the node that
     * owns it, or by the client ({@code mac/…}) when {@code node} is null (no node owns it).
     */
    public void dhcp(String node, DhcpEvent e) {
        send(topics.dhcp(), node != null ? node : TopicKeys.client(e), Codec.DHCP.encode(e), dhcp);
    }

    /** A PXE event, keyed as {@link #dhcp} keys DHCP events. */
    public void pxe(String node, PxeEvent e) {
        send(topics.pxe(), node != null ? node : TopicKeys.client(e), Codec.PXE.encode(e), pxe);
    }

    public void heartbeat(Heartbeat h) {
        send(topics.heartbeats(), h.node(), Codec.HEARTBEAT.encode(h), heartbeats);
    }

    /** The installer's report, on the node's own input as its reporter sends it. */
    public void installed(InstallReport r) {
        send(topics.heartbeats(), r.node(), Codec.INSTALL_REPORT.encode(r), heartbeats);
    }

    private void send(String topic, String key, byte[] value, AtomicLong counter) {
        counter.incrementAndGet();
        producer.send(new ProducerRecord<>(topic, key, value), (md, e) -> {
            if (e != null) {
                failures.incrementAndGet();
            }
        });
    }

    public void flush() {
        producer.flush();
    }

    /** One line: how many messages of each kind went out, and how many Kafka refused. */
    public String summary() {
        return String.format("commands %d, dhcp %d, pxe %d, heartbeats %d, send failures %d", commands.get(), dhcp.get(),
            pxe.get(), heartbeats.get(), failures.get());
    }

    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
