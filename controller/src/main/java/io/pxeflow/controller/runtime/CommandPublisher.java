package io.pxeflow.controller.runtime;

import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.HostReservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes admin commands. Every write is one Kafka transaction, so an import — its commands,
 * the inventory record and the host reservations — lands whole or not at all. Blocking: never
 * call it from an event loop.
 *
 * <p>A write that fails (Kafka unreachable for {@code max.block.ms}, a fenced producer) throws,
 * and the producer is thrown away with it: after a timed-out commit a Kafka producer accepts no
 * other call than the same commit again, so keeping it would refuse every later write even once
 * Kafka is back. The next write makes a fresh producer, whose {@code initTransactions} fences
 * the old one and aborts whatever transaction it left open. (A commit the broker had already
 * accepted before the failure still completes: a failed write is "not confirmed", not "undone".)
 */
public final class CommandPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandPublisher.class);
    private static final Duration MAX_BLOCK = Duration.ofSeconds(10);

    private final Topics topics;
    private final Properties settings;
    private final String instanceId;
    private KafkaProducer<String, byte[]> producer;

    public CommandPublisher(String bootstrap, Topics topics, String instanceId) {
        this(KafkaConnection.plain(bootstrap), topics, instanceId);
    }

    public CommandPublisher(KafkaConnection kafka, Topics topics, String instanceId) {
        this.topics = topics;
        Properties p = kafka.properties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.prefix() + "api-" + instanceId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis()));
        this.settings = p;
        this.instanceId = instanceId;
        // At start, so that this instance's transactional id fences a killed predecessor's and aborts
        // the transaction it left open (which holds read_committed readers back) at once. Kafka not
        // answering in time - a Kafka node down hard and not yet fenced holds the coordinator - must
        // not keep the controller from starting: the first write tries again.
        try {
            producer();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            LOG.warn("controller {}: Kafka did not set up the API's transactional producer in time ({}); the first command "
                + "write tries again", instanceId, e.getMessage());
        }
    }

    public synchronized void send(List<Command> commands) {
        send(commands, null, List.of(), Set.of());
    }

    /** Commands plus, for an import, the cluster inventory and the host reservations to set/remove. */
    public synchronized void send(List<Command> commands, ClusterInventory inventory, List<HostReservation> hosts,
                                  Set<String> removedHostKeys) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Command c : commands) {
            records.add(new ProducerRecord<>(topics.commands(), c.node(), Codec.COMMAND.encode(c)));
        }
        if (inventory != null) {
            records.add(new ProducerRecord<>(topics.inventory(), ClusterInventory.KEY, Codec.INVENTORY.encode(inventory)));
        }
        for (HostReservation h : hosts) {
            records.add(new ProducerRecord<>(topics.config(), h.key(), Codec.CONFIG.encode(h)));
        }
        for (String key : removedHostKeys) {
            records.add(new ProducerRecord<>(topics.config(), key, null));
        }
        transaction(records);
    }

    /**
     * Records a PXE answer served by the live iPXE endpoint, keyed as a bridge keys it: by the node
     * it answered, or by the client's key when it answered an unknown client.
     */
    public synchronized void pxeServed(String node, io.pxeflow.protocol.message.PxeEvent event) {
        String key = node != null ? node : io.pxeflow.protocol.TopicKeys.client(event);
        transaction(List.of(new ProducerRecord<>(topics.pxe(), key, Codec.PXE.encode(event))));
    }

    private void transaction(List<ProducerRecord<String, byte[]>> records) {
        try {
            KafkaProducer<String, byte[]> p = producer();
            p.beginTransaction();
            for (ProducerRecord<String, byte[]> r : records) {
                p.send(r);
            }
            p.commitTransaction();
        } catch (RuntimeException e) {
            discard(e);
            throw e;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            KafkaProducer<String, byte[]> p = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
            try {
                p.initTransactions();
            } catch (RuntimeException e) {
                p.close(Duration.ZERO);
                throw e;
            }
            producer = p;
        }
        return producer;
    }

    private void discard(RuntimeException cause) {
        if (producer != null) {
            LOG.warn("controller {}: command write failed ({}); the next write starts a fresh Kafka producer", instanceId,
                cause.toString());
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
