package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.NodeInput;
import io.pxeflow.protocol.TopicKeys;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes one input topic's raw bytes. A malformed or invalid record, or one whose key disagrees
 * with its content, goes to the dead-letter topic; the stream never stops on bad input. Without a
 * {@code wrap} it only checks: a topic another part of pxeflow reads (the inventory) gets its
 * refused records dead-lettered once, by the one process whose writes are exactly-once. What it
 * decodes goes to the sequencer, which hands it to the node processor in order.
 */
final class DecodeProcessor<T> implements Processor<String, byte[], String, Object> {
    private final Codec<T> codec;
    private final Function<T, NodeInput> wrap;
    private final InputKind kind;
    private final Function<T, String> keyOf;
    private final ControllerMetrics metrics;
    private final String deadletterSink;
    private ProcessorContext<String, Object> ctx;

    /**
     * @param wrap what the node processor gets, or null to only check
     * @param kind how the sequencer holds it (with a {@code wrap})
     */
    DecodeProcessor(Codec<T> codec, Function<T, NodeInput> wrap, InputKind kind, Function<T, String> keyOf,
                    ControllerMetrics metrics, String deadletterSink) {
        this.codec = codec;
        this.wrap = wrap;
        this.kind = kind;
        this.keyOf = keyOf;
        this.metrics = metrics;
        this.deadletterSink = deadletterSink;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.ctx = context;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Record<String, byte[]> record) {
        Decoded<T> decoded = codec.decode(record.value());
        ProcessorContext<String, byte[]> bytesCtx = (ProcessorContext<String, byte[]>) (ProcessorContext<?, ?>) ctx;
        if (decoded instanceof Decoded.Failure<T> f) {
            DeadLetters.send(bytesCtx, deadletterSink, metrics, record.key(), record.value(), f.reason());
            return;
        }
        T value = ((Decoded.Ok<T>) decoded).value();
        String mismatch = keyOf == null ? null : TopicKeys.mismatch(record.key(), keyOf.apply(value), "node");
        if (mismatch != null) {
            DeadLetters.send(bytesCtx, deadletterSink, metrics, record.key(), record.value(), mismatch);
            return;
        }
        if (wrap != null) {
            ctx.forward(record.withValue(new Arrival(kind, wrap.apply(value), record.value())), InputSequencer.NAME);
        }
    }
}
