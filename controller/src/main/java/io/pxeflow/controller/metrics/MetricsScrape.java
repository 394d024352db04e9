package io.pxeflow.controller.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.protocol.message.NodeState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code /metrics}: the registered meters, then the series written from the cluster
 * view at scrape time (per node, per generator) and the consumer lag. Blocking work: call it off
 * the event loop.
 */
public final class MetricsScrape {
    private final PrometheusMeterRegistry registry;
    private final ClusterView view;
    private final ConsumerLag lag;
    private final NodeMetrics nodeMetrics;
    private final Clock clock;
    /** The previous scrape's size: the next one is sized to fit without regrowing. */
    private volatile int lastSize = 64 * 1024;

    public MetricsScrape(PrometheusMeterRegistry registry, ClusterView view, ConsumerLag lag, Clock clock) {
        this.registry = registry;
        this.view = view;
        this.lag = lag;
        this.clock = clock;
        this.nodeMetrics = new NodeMetrics(view::heartbeat);
    }

    public String scrape() {
        StringBuilder out = new StringBuilder(lastSize + lastSize / 8);
        out.append(registry.scrape());
        ExpositionWriter w = new ExpositionWriter(out);
        List<NodeState> nodes = new ArrayList<>(view.nodes());
        nodeMetrics.write(nodes, clock.instant(), w);
        ConfigGenerations.write(nodes, w);
        if (lag != null) {
            lag.write(w);
        }
        lastSize = out.length();
        return out.toString();
    }
}
