package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.NodeInput;
import io.pxeflow.protocol.TopicKeys;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.codec.Decoder;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes one input topic's raw bytes and hands the result on. A malformed or invalid record, or
 * one whose key breaks its topic's key rule, goes to the dead-letter topic; the stream never
 * stops on bad input. A DHCP or PXE event keyed by its client rather than a node (no node owns
 * the client) goes to discovery; every other input goes to the node processor. Without a
 * {@code wrap} it only checks: a topic another part of pxeflow reads (the inventory) gets its
 * refused records dead-lettered once, by the one process whose writes are exactly-once.
 */
final class DecodeProcessor<T> implements Processor<String, byte[], String, Object> {
    private final Decoder<T> decoder;
    private final BiFunction<String, T, String> keyRule;
    private final Function<T, NodeInput> wrap;
    private final ControllerMetrics metrics;
    private final String deadletterSink;
    private ProcessorContext<String, Object> ctx;

    /**
     * @param keyRule why a record's key does not fit its value, or null when it does
     * @param wrap    what the node processor gets, or null to only check
     */
    DecodeProcessor(Decoder<T> decoder, BiFunction<String, T, String> keyRule, Function<T, NodeInput> wrap,
                    ControllerMetrics metrics, String deadletterSink) {
        this.decoder = decoder;
        this.keyRule = keyRule;
        this.wrap = wrap;
        this.metrics = metrics;
        this.deadletterSink = deadletterSink;
    }

    /** Node-keyed topics: the key is the node the record names. */
    static <T> BiFunction<String, T, String> keyedBy(Function<T, String> node) {
        return (key, value) -> TopicKeys.mismatch(key, node.apply(value), "node");
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.ctx = context;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Record<String, byte[]> record) {
        ctx.recordMetadata().map(RecordMetadata::topic).ifPresent(metrics::processed);
        Decoded<T> decoded = decoder.decode(record.value());
        ProcessorContext<String, byte[]> bytesCtx = (ProcessorContext<String, byte[]>) (ProcessorContext<?, ?>) ctx;
        if (decoded instanceof Decoded.Failure<T> f) {
            DeadLetters.send(bytesCtx, deadletterSink, metrics, record.key(), record.value(), f.reason());
            return;
        }
        T value = ((Decoded.Ok<T>) decoded).value();
        String mismatch = keyRule.apply(record.key(), value);
        if (mismatch != null) {
            DeadLetters.send(bytesCtx, deadletterSink, metrics, record.key(), record.value(), mismatch);
            return;
        }
        if (wrap == null) {
            return;
        }
        if (TopicKeys.isClient(record.key())) {
            ctx.forward(record.withValue(value), DiscoveryProcessor.NAME);
        } else {
            ctx.forward(record.withValue(wrap.apply(value)), NodeProcessor.NAME);
        }
    }
}
