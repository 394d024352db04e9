package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.AddressHold;
import io.pxeflow.controller.domain.AddressIndex;
import io.pxeflow.protocol.TopicKeys;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.PxeEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * DHCP and PXE events name a MAC or an IP, not a node. This finds the node in the global
 * address index and re-keys the event to it (so it reaches the partition that owns the node).
 * The index lags behind the put-node command that fills it, so an event whose client it does not
 * know is held ({@link AddressHold}) in a changelogged store, and re-resolved every
 * {@link #RECHECK} until the index knows the client or the grace period is over (then it goes to
 * discovery). The store is written only while something is held: resolving a known client costs
 * one lookup in an empty in-memory store.
 *
 * <p>It also tells the node processors how far it has got: every {@link #RECHECK} it sends each
 * partition of the hop topic a watermark ({@link ResolverProgress}), which is what lets them put
 * a node's DHCP/PXE events and its other inputs back in order ({@link InputSequencer}). Held
 * events do not hold the watermark back: they wait for a node that did not exist yet.
 */
final class AddressResolver implements Processor<String, byte[], String, Object> {
    static final String NAME = "resolve";
    /** How often held events are re-resolved: about the index's own lag (one commit interval). */
    static final Duration RECHECK = Duration.ofMillis(100);
    /** The most events held for one client; a DHCP client retries every few seconds. */
    static final int HELD_PER_CLIENT = 100;

    private final String dhcpTopic;
    private final String pxeTopic;
    /** Looks at the input topics' end offsets; null when the controller does not order its inputs. */
    private final Supplier<List<EndOffsets>> ends;
    private final AddressHold<HeldInput> hold;
    private final Clock clock;
    private final ControllerMetrics metrics;
    private ProcessorContext<String, Object> ctx;
    private KeyValueStore<String, String> index;
    private KeyValueStore<String, List<AddressHold.Held<HeldInput>>> held;
    private ResolverProgress progress;
    private long lastWatermark = Long.MIN_VALUE;

    AddressResolver(String dhcpTopic, String pxeTopic, Supplier<List<EndOffsets>> ends, Duration grace, Clock clock,
                    ControllerMetrics metrics) {
        this.dhcpTopic = dhcpTopic;
        this.pxeTopic = pxeTopic;
        this.ends = ends;
        this.hold = new AddressHold<>(grace, HELD_PER_CLIENT);
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.ctx = context;
        this.index = context.getStateStore(Sinks.ADDRESS_STORE);
        this.held = context.getStateStore(Sinks.HELD_STORE);
        int partition = context.taskId().partition();
        this.progress = new ResolverProgress(List.of(new TopicPartition(dhcpTopic, partition),
            new TopicPartition(pxeTopic, partition)));
        context.schedule(RECHECK, PunctuationType.WALL_CLOCK_TIME, t -> {
            recheck();
            announceProgress();
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Record<String, byte[]> record) {
        String topic = ctx.recordMetadata().map(RecordMetadata::topic).orElse("");
        ctx.recordMetadata().ifPresent(md -> progress.processed(new TopicPartition(md.topic(), md.partition()), md.offset()));
        boolean dhcp = topic.equals(dhcpTopic);
        ProcessorContext<String, byte[]> bytes = (ProcessorContext<String, byte[]>) (ProcessorContext<?, ?>) ctx;
        Decoded<?> d = dhcp ? Codec.DHCP.decode(record.value()) : Codec.PXE.decode(record.value());
        if (d instanceof Decoded.Failure<?> f) {
            DeadLetters.send(bytes, Sinks.RESOLVER_DEADLETTER, metrics, record.key(), record.value(), f.reason());
            return;
        }
        Object event = ((Decoded.Ok<?>) d).value();
        // A key that is not the event's MAC (or IP) was not written by a bridge: dead-lettered, not routed.
        String mismatch = dhcp ? TopicKeys.mismatch(record.key(), TopicKeys.dhcp((DhcpEvent) event), "MAC")
            : TopicKeys.mismatch(record.key(), TopicKeys.pxe((PxeEvent) event),
                ((PxeEvent) event).mac() != null ? "MAC" : "client IP");
        if (mismatch != null) {
            DeadLetters.send(bytes, Sinks.RESOLVER_DEADLETTER, metrics, record.key(), record.value(), mismatch);
            return;
        }
        MacAddress mac = dhcp ? ((DhcpEvent) event).mac() : ((PxeEvent) event).mac();
        Ipv4Address ip = dhcp ? null : ((PxeEvent) event).clientIp();
        AddressHold.Held<HeldInput> input = new AddressHold.Held<>(mac, ip, clock.instant(),
            new HeldInput(dhcp, record.timestamp(), record.value()));
        String client = AddressHold.clientKey(mac, ip);
        if (client == null) {
            release(new AddressHold.Release<>(null, input)); // names no client: discovery has nothing to adopt either
        } else {
            List<AddressHold.Held<HeldInput>> queue = queueOf(client);
            apply(client, queue, hold.offer(queue, input, this::lookup, input.since()));
        }
        metrics.processed(topic);
    }

    private List<AddressHold.Held<HeldInput>> queueOf(String client) {
        List<AddressHold.Held<HeldInput>> queue = held.get(client);
        return queue == null ? List.of() : queue;
    }

    private void recheck() {
        if (held.approximateNumEntries() == 0) {
            return;
        }
        List<KeyValue<String, List<AddressHold.Held<HeldInput>>>> queues = new ArrayList<>();
        try (KeyValueIterator<String, List<AddressHold.Held<HeldInput>>> it = held.all()) {
            it.forEachRemaining(queues::add);
        }
        Instant now = clock.instant();
        for (KeyValue<String, List<AddressHold.Held<HeldInput>>> q : queues) {
            apply(q.key, q.value, hold.drain(q.value, this::lookup, now));
        }
    }

    /** Forwards what was released and stores what is still held; nothing is written when nothing was or is held. */
    private void apply(String client, List<AddressHold.Held<HeldInput>> before, AddressHold.Outcome<HeldInput> out) {
        out.released().forEach(this::release);
        if (out.held().isEmpty()) {
            if (!before.isEmpty()) {
                held.delete(client);
            }
        } else if (!out.released().isEmpty() || out.held().size() != before.size()) {
            held.put(client, out.held());
        }
    }

    private void release(AddressHold.Release<HeldInput> r) {
        HeldInput in = r.input().payload();
        if (!r.discovered()) {
            ctx.forward(new Record<>(r.node(), (Object) in.value(), in.timestamp(),
                HopRecords.headers(in.dhcp() ? HopRecords.DHCP : HopRecords.PXE)), Sinks.NODE_EVENTS);
            return;
        }
        Decoded<?> d = in.dhcp() ? Codec.DHCP.decode(in.value()) : Codec.PXE.decode(in.value());
        MacAddress mac = r.input().mac();
        String key = mac != null ? mac.value() : String.valueOf(r.input().ip());
        ctx.forward(new Record<>(key, ((Decoded.Ok<?>) d).value(), in.timestamp()), DiscoveryProcessor.NAME);
    }

    private void announceProgress() {
        if (ends == null) {
            return;
        }
        HopRecords.Watermark w = progress.watermark(ctx.taskId().partition(), ends.get());
        if (w == null || w.millis() <= lastWatermark) {
            return;
        }
        lastWatermark = w.millis();
        ctx.forward(new Record<>(HopRecords.WATERMARK_KEY, (Object) HopRecords.watermark(w.source(), w.sources(), w.millis()),
            w.millis(), HopRecords.headers(HopRecords.WATERMARK)), Sinks.NODE_EVENTS);
    }

    private String lookup(MacAddress mac, Ipv4Address ip) {
        String node = mac == null ? null : index.get(AddressIndex.macKey(mac));
        if (node == null && ip != null) {
            node = index.get(AddressIndex.ipKey(ip));
        }
        return node;
    }
}
