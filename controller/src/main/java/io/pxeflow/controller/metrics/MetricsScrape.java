package io.pxeflow.controller.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.view.ClusterView.HeartbeatSeen;
import io.pxeflow.controller.view.PowerLedger;
import io.pxeflow.protocol.message.NodeState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The body of {@code /metrics}: the registered meters, then the series written from the cluster
 * view at scrape time (per node, per generator) and the consumer lag. Blocking work: call it off
 * the event loop.
 */
public final class MetricsScrape {
    private final PrometheusMeterRegistry registry;
    private final Supplier<Collection<NodeState>> nodes;
    private final ConsumerLag lag;
    private final NodeMetrics nodeMetrics;
    private final Clock clock;
    private final PowerLedger power;
    /** The previous scrape's size: the next one is sized to fit without regrowing. */
    private volatile int lastSize = 64 * 1024;

    /** {@code nodes} and {@code heartbeats} are the cluster view's; {@code lag} may be null. */
    public MetricsScrape(PrometheusMeterRegistry registry, Supplier<Collection<NodeState>> nodes,
                         Function<String, HeartbeatSeen> heartbeats, ConsumerLag lag, Clock clock) {
        this(registry, nodes, heartbeats, null, lag, clock);
    }

    /** With {@code power} (may be null), the nodes' power states too. */
    public MetricsScrape(PrometheusMeterRegistry registry, Supplier<Collection<NodeState>> nodes,
                         Function<String, HeartbeatSeen> heartbeats, PowerLedger power, ConsumerLag lag, Clock clock) {
        this.registry = registry;
        this.nodes = nodes;
        this.lag = lag;
        this.clock = clock;
        this.power = power;
        this.nodeMetrics = new NodeMetrics(heartbeats);
    }

    /** The whole body as one string: tests and the in-process benchmark; the endpoint streams. */
    public String scrape() {
        StringBuilder out = new StringBuilder(lastSize + lastSize / 8);
        write(new ExpositionWriter(out));
        lastSize = out.length();
        return out.toString();
    }

    /**
     * Writes the body to {@code sink} in chunks of about {@code chunkChars}: memory stays bounded
     * by the chunk, not by the cluster (a 100,000-node body is ~120 MB of text).
     */
    public void stream(int chunkChars, ExpositionWriter.Sink sink) {
        ExpositionWriter w = new ExpositionWriter(chunkChars, sink);
        write(w);
        w.flush();
    }

    private void write(ExpositionWriter w) {
        w.text(registry.scrape());
        List<NodeState> snapshot = new ArrayList<>(nodes.get());
        nodeMetrics.write(snapshot, clock.instant(), w);
        ConfigGenerations.write(snapshot, w);
        if (power != null) {
            NodePower.write(snapshot, power, w);
        }
        if (lag != null) {
            lag.write(w);
        }
    }
}
