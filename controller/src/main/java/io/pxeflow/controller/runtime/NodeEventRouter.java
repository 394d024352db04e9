package io.pxeflow.controller.runtime;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Splits the hop topic by its kind header: DHCP and PXE events to their decoders, watermarks to
 * the sequencer. Only the resolver writes this topic; anything else on it is dead-lettered.
 */
final class NodeEventRouter implements Processor<String, byte[], String, Object> {
    static final String NAME = "node-events-route";
    static final String DHCP_DECODE = "node-dhcp-decode";
    static final String PXE_DECODE = "node-pxe-decode";
    private final ControllerMetrics metrics;
    private ProcessorContext<String, Object> ctx;

    NodeEventRouter(ControllerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.ctx = context;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Record<String, byte[]> record) {
        char kind = HopRecords.kindOf(record.headers());
        if (kind == HopRecords.DHCP) {
            ctx.forward(record.withValue((Object) record.value()), DHCP_DECODE);
        } else if (kind == HopRecords.PXE) {
            ctx.forward(record.withValue((Object) record.value()), PXE_DECODE);
        } else {
            HopRecords.Watermark w = kind == HopRecords.WATERMARK ? HopRecords.parseWatermark(record.value()) : null;
            if (w != null) {
                ctx.forward(record.withValue((Object) w), InputSequencer.NAME);
            } else {
                DeadLetters.send((ProcessorContext<String, byte[]>) (ProcessorContext<?, ?>) ctx, Sinks.DEADLETTER, metrics,
                    record.key(), record.value(), "not a record the resolver writes (kind header " + (int) kind + ")");
            }
        }
    }
}
