package io.pxeflow.controller.runtime;

import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.HostReservation;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes admin commands. Every write is one Kafka transaction, so an import — its commands,
 * the inventory record and the host reservations — lands whole or not at all. Blocking: never
 * call it from an event loop.
 */
public final class CommandPublisher implements AutoCloseable {
    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;

    public CommandPublisher(String bootstrap, Topics topics, String instanceId) {
        this.topics = topics;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.prefix() + "api-" + instanceId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    public synchronized void send(List<Command> commands) {
        send(commands, null, List.of(), Set.of());
    }

    /** Commands plus, for an import, the cluster inventory and the host reservations to set/remove. */
    public synchronized void send(List<Command> commands, ClusterInventory inventory, List<HostReservation> hosts,
                                  Set<String> removedHostKeys) {
        producer.beginTransaction();
        try {
            for (Command c : commands) {
                producer.send(new ProducerRecord<>(topics.commands(), c.node(), Codec.COMMAND.encode(c)));
            }
            if (inventory != null) {
                producer.send(new ProducerRecord<>(topics.inventory(), ClusterInventory.KEY, Codec.INVENTORY.encode(inventory)));
            }
            for (HostReservation h : hosts) {
                producer.send(new ProducerRecord<>(topics.config(), h.key(), Codec.CONFIG.encode(h)));
            }
            for (String key : removedHostKeys) {
                producer.send(new ProducerRecord<>(topics.config(), key, null));
            }
            producer.commitTransaction();
        } catch (RuntimeException e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException ignored) {
                // the original failure is what the caller needs to see
            }
            throw e;
        }
    }

    /** Records a PXE answer served by the live iPXE endpoint. */
    public synchronized void pxeServed(io.pxeflow.protocol.message.PxeEvent event) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topics.pxe(), event.mac().value(), Codec.PXE.encode(event)));
        producer.commitTransaction();
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
