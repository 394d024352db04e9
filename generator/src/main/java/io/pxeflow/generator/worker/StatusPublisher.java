package io.pxeflow.generator.worker;

import io.pxeflow.generator.output.KeyOutcome;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.ConfigApplied;
import io.pxeflow.protocol.message.ConfigOutcome;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports what was applied to config-status, one ConfigApplied per node generation, keyed by node. */
final class StatusPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);
    private static final int MAX_REASON = 2000;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String generator;
    private final Clock clock;
    private final GeneratorMetrics metrics;

    StatusPublisher(Producer<String, byte[]> producer, String topic, String generator, Clock clock, GeneratorMetrics metrics) {
        this.producer = producer;
        this.topic = topic;
        this.generator = generator;
        this.clock = clock;
        this.metrics = metrics;
    }

    void publish(KeyOutcome o) {
        publish(o, o.outcome(), o.reason());
    }

    void publish(KeyOutcome o, ConfigOutcome outcome, String reason) {
        metrics.render(new KeyOutcome(o.key(), o.node(), o.generation(), outcome, reason, o.touched()));
        if (o.node() == null) {
            // Host reservations and unparseable keys have no node to report on; the log says it.
            if (outcome != ConfigOutcome.APPLIED) {
                LOG.warn("{}: {}: {}", Printable.quote(o.key()), outcome.code(), reason);
            }
            return;
        }
        String why = reason == null ? null : clean(reason);
        ConfigApplied applied = new ConfigApplied(generator, o.node(), o.generation(), outcome, why, clock.instant());
        producer.send(new ProducerRecord<>(topic, o.node(), Codec.CONFIG_APPLIED.encode(applied)), (md, e) -> {
            if (e != null) {
                LOG.warn("{}: could not report generation {} {}: {}", o.node(), o.generation(), outcome.code(), e.getMessage());
            }
        });
        if (outcome == ConfigOutcome.APPLIED) {
            LOG.debug("{}: generation {} applied", o.node(), o.generation());
        } else {
            LOG.warn("{}: generation {} {}: {}", o.node(), o.generation(), outcome.code(), why);
        }
    }

    /** Tool output can hold newlines; the wire field must not. */
    private static String clean(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_REASON));
        for (int i = 0; i < s.length() && sb.length() < MAX_REASON; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return sb.toString();
    }
}
