package io.pxeflow.controller.runtime;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes a refused input to the dead-letter topic with its origin and reason. */
final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    static void send(ProcessorContext<String, byte[]> ctx, String sink, ControllerMetrics metrics, String key,
                     byte[] payload, String reason) {
        RecordMetadata md = ctx.recordMetadata().orElse(null);
        String topic = md == null ? "?" : md.topic();
        String text = payload == null ? null : new String(payload, 0, Math.min(payload.length, DeadLetter.MAX_PAYLOAD),
            StandardCharsets.UTF_8);
        DeadLetter dl = new DeadLetter(topic, md == null ? -1 : md.partition(), md == null ? -1 : md.offset(), key,
            reason, text, Instant.now());
        ctx.forward(new Record<>(key, Codec.DEAD_LETTER.encode(dl), System.currentTimeMillis()), sink);
        metrics.rejected(topic, reason);
        LOG.debug("dead letter from {} key {}: {}", topic, Printable.quote(key), reason);
    }
}
