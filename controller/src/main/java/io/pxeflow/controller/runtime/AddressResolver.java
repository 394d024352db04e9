package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.AddressIndex;
import io.pxeflow.protocol.TopicKeys;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.PxeEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * DHCP and PXE events name a MAC or an IP, not a node. This finds the node in the global
 * address index and re-keys the event to it (so it reaches the partition that owns the node);
 * events of unknown clients go to discovery.
 */
final class AddressResolver implements Processor<String, byte[], String, Object> {
    private final boolean dhcp;
    private final ControllerMetrics metrics;
    private ProcessorContext<String, Object> ctx;
    private KeyValueStore<String, String> index;

    AddressResolver(boolean dhcp, ControllerMetrics metrics) {
        this.dhcp = dhcp;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.ctx = context;
        this.index = context.getStateStore(Sinks.ADDRESS_STORE);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Record<String, byte[]> record) {
        ProcessorContext<String, byte[]> bytes = (ProcessorContext<String, byte[]>) (ProcessorContext<?, ?>) ctx;
        if (dhcp) {
            Decoded<DhcpEvent> d = Codec.DHCP.decode(record.value());
            if (d instanceof Decoded.Failure<DhcpEvent> f) {
                DeadLetters.send(bytes, Sinks.RESOLVER_DEADLETTER, metrics, record.key(), record.value(), f.reason());
                return;
            }
            DhcpEvent e = ((Decoded.Ok<DhcpEvent>) d).value();
            if (refusedKey(bytes, record, TopicKeys.mismatch(record.key(), TopicKeys.dhcp(e), "MAC"))) {
                return;
            }
            route(record, lookup(e.mac(), null), e, Sinks.NODE_DHCP);
        } else {
            Decoded<PxeEvent> d = Codec.PXE.decode(record.value());
            if (d instanceof Decoded.Failure<PxeEvent> f) {
                DeadLetters.send(bytes, Sinks.RESOLVER_DEADLETTER, metrics, record.key(), record.value(), f.reason());
                return;
            }
            PxeEvent e = ((Decoded.Ok<PxeEvent>) d).value();
            if (refusedKey(bytes, record, TopicKeys.mismatch(record.key(), TopicKeys.pxe(e),
                    e.mac() != null ? "MAC" : "client IP"))) {
                return;
            }
            route(record, lookup(e.mac(), e.clientIp()), e, Sinks.NODE_PXE);
        }
        ctx.recordMetadata().ifPresent(md -> metrics.processed(md.topic()));
    }

    /** A key that is not the event's MAC (or IP) was not written by a bridge: dead-lettered, not routed. */
    private boolean refusedKey(ProcessorContext<String, byte[]> bytes, Record<String, byte[]> record, String mismatch) {
        if (mismatch == null) {
            return false;
        }
        DeadLetters.send(bytes, Sinks.RESOLVER_DEADLETTER, metrics, record.key(), record.value(), mismatch);
        return true;
    }

    private void route(Record<String, byte[]> record, String node, Object event, String sink) {
        if (node != null) {
            ctx.forward(new Record<>(node, (Object) record.value(), record.timestamp()), sink);
        } else {
            ctx.forward(new Record<>(record.key(), event, record.timestamp()), DiscoveryProcessor.NAME);
        }
    }

    private String lookup(MacAddress mac, Ipv4Address ip) {
        String node = mac == null ? null : index.get(AddressIndex.macKey(mac));
        if (node == null && ip != null) {
            node = index.get(AddressIndex.ipKey(ip));
        }
        return node;
    }
}
