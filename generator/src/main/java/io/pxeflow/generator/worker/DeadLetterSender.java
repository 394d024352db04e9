package io.pxeflow.generator.worker;

import io.pxeflow.generator.output.ApplyReport;
import io.pxeflow.generator.output.ConfigChange;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every config record (and inventory whose network) this generator refused on the
 * dead-letter topic, with where it came from and why. config-status says a node's generation was refused; only the dead letter names
 * the record, and covers records that name no node at all.
 */
final class DeadLetterSender {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSender.class);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String generator;
    private final Clock clock;
    private final GeneratorMetrics metrics;

    /** A record's place on the config topic; the raw payload only when it did not decode (else it is re-encoded). */
    record Origin(String topic, int partition, long offset, String key, String rawPayload) {
        static Origin of(ConsumerRecord<String, byte[]> r, byte[] undecodedPayload) {
            String raw = undecodedPayload == null ? null : text(undecodedPayload);
            return new Origin(r.topic(), r.partition(), r.offset(), r.key(), raw);
        }
    }

    DeadLetterSender(Producer<String, byte[]> producer, String topic, String generator, Clock clock,
                     GeneratorMetrics metrics) {
        this.producer = producer;
        this.topic = topic;
        this.generator = generator;
        this.clock = clock;
        this.metrics = metrics;
    }

    void send(Origin origin, ApplyReport.Refusal refusal) {
        String payload = origin.rawPayload();
        if (payload == null && refusal.change() instanceof ConfigChange.Upsert u) {
            payload = text(Codec.CONFIG.encode(u.record()));
        } else if (payload == null && refusal.change() instanceof ConfigChange.Network n && n.inventory() != null) {
            payload = text(Codec.INVENTORY.encode(n.inventory()));
        }
        DeadLetter dl = new DeadLetter(origin.topic(), origin.partition(), origin.offset(), origin.key(),
            refusal.reason() + " (refused by generator " + generator + ")", payload, clock.instant());
        producer.send(new ProducerRecord<>(topic, origin.key(), Codec.DEAD_LETTER.encode(dl)), (md, e) -> {
            if (e != null) {
                LOG.warn("{}: could not dead-letter offset {} of {}-{}: {}", Printable.quote(origin.key()), origin.offset(),
                    origin.topic(), origin.partition(), e.getMessage());
            }
        });
        metrics.deadLetter();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, DeadLetter.MAX_PAYLOAD), StandardCharsets.UTF_8);
    }
}
