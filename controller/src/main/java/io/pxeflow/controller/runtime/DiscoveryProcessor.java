package io.pxeflow.controller.runtime;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DiscoveredMac;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.PxeEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers clients that DHCP or PXE-boot without belonging to a node, so the admin can adopt
 * them. A client seen again updates its record at most once a minute: a chatty unknown device
 * must not flood the topic.
 */
final class DiscoveryProcessor implements Processor<String, Object, String, byte[]> {
    static final String NAME = "discovery";
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryProcessor.class);
    private static final Duration REFRESH = Duration.ofMinutes(1);
    private final Clock clock;
    private ProcessorContext<String, byte[]> ctx;
    private KeyValueStore<String, DiscoveredMac> store;

    DiscoveryProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.ctx = context;
        this.store = context.getStateStore(Sinks.DISCOVERED_STORE);
    }

    @Override
    public void process(Record<String, Object> record) {
        MacAddress mac;
        String vendor = null;
        Integer arch = null;
        String iface = null;
        io.pxeflow.protocol.field.Ipv4Address ip;
        if (record.value() instanceof DhcpEvent e) {
            mac = e.mac();
            vendor = e.vendorClass();
            arch = e.arch() != null ? e.arch() : DhcpEvent.archFromVendorClass(e.vendorClass());
            iface = e.iface();
            ip = e.ip();
        } else {
            PxeEvent e = (PxeEvent) record.value();
            mac = e.mac();
            ip = e.clientIp();
        }
        if (mac == null) {
            return; // a TFTP fetch from an address nobody owns: nothing to adopt
        }
        Instant now = clock.instant();
        DiscoveredMac old = store.get(mac.value());
        DiscoveredMac next = old == null
            ? new DiscoveredMac(mac, now, now, vendor, arch, iface, ip, 1)
            : new DiscoveredMac(mac, old.firstSeen(), now, vendor != null ? vendor : old.vendorClass(),
                arch != null ? arch : old.arch(), iface != null ? iface : old.iface(), ip != null ? ip : old.ip(),
                old.sightings() + 1);
        store.put(mac.value(), next);
        if (old == null || Duration.between(old.lastSeen(), now).compareTo(REFRESH) >= 0) {
            ctx.forward(new Record<>(mac.value(), Codec.DISCOVERED.encode(next), now.toEpochMilli()), Sinks.DISCOVERED);
        }
        if (old == null) {
            LifecycleEvent e = new LifecycleEvent(null, mac, LifecycleKind.DISCOVERED, null, null,
                vendor == null ? null : "vendor class " + vendor, null, now);
            ctx.forward(new Record<>(mac.value(), Codec.EVENT.encode(e), now.toEpochMilli()), Sinks.DISCOVERY_EVENTS);
            LOG.info("discovered unknown client {} ({})", mac, vendor);
        }
    }
}
