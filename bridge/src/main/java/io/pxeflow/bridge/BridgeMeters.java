package io.pxeflow.bridge;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * {@link BridgeMetrics}' counters as Prometheus series, {@code pxeflow_bridge_*}. They are read
 * from the plain counters at scrape time, so the parsing and spooling code needs no metrics
 * library, and every series exists from the start, at zero.
 */
public final class BridgeMeters {
    private BridgeMeters() {
    }

    public static void bind(BridgeMetrics m, MeterRegistry registry) {
        counter(registry, "pxeflow.bridge.lines.read", "log lines read from the DHCP/TFTP logs", m,
            x -> x.snapshot().get("lines_read"));
        counter(registry, "pxeflow.bridge.hook.calls", "hook files read from the spool's incoming directory", m,
            x -> x.snapshot().get("hook_calls"));
        counter(registry, "pxeflow.bridge.lines.ignored",
            "lines about nothing pxeflow follows, and TFTP transfers the other dnsmasq source already reported", m,
            x -> x.snapshot().get("ignored"));
        counter(registry, "pxeflow.bridge.lines.unparseable",
            "lines of a known source that could not be parsed (each kind is logged once, as a WARN)", m,
            x -> x.unparseableByKind().values().stream().mapToLong(Long::longValue).sum());
        counter(registry, "pxeflow.bridge.events.produced", "events delivered to Kafka", m, BridgeMetrics::produced);
        counter(registry, "pxeflow.bridge.events.spooled", "events kept in the outbound spool while Kafka was unreachable",
            m, BridgeMetrics::spooled);
        counter(registry, "pxeflow.bridge.events.dropped", "events dropped because the outbound spool was full", m,
            BridgeMetrics::dropped);
        Gauge.builder("pxeflow.bridge.spool.records", m, x -> x.snapshot().get("spool_records"))
            .description("events waiting in the outbound spool").register(registry);
        Gauge.builder("pxeflow.bridge.spool.bytes", m, x -> x.snapshot().get("spool_bytes")).baseUnit("bytes")
            .description("size of the outbound spool").register(registry);
        Gauge.builder("pxeflow.bridge.kafka.reachable", m, x -> x.snapshot().get("kafka_reachable"))
            .description("1 while Kafka accepts the bridge's events, 0 from a refused delivery until the next accepted one")
            .register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, BridgeMetrics m,
                                ToDoubleFunction<BridgeMetrics> value) {
        FunctionCounter.builder(name, m, value).description(description).register(registry);
    }
}
