package io.pxeflow.controller.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Cluster-wide gauges over the view: nodes by status and stage, boot-looping nodes, unknown MACs, readiness. */
public final class ClusterGauges {
    private final ClusterView view;
    private volatile Map<NodeStatus, Map<BootStage, Integer>> counts = Map.of();
    private volatile long countsAt;

    private ClusterGauges(ClusterView view) {
        this.view = view;
    }

    public static void register(MeterRegistry r, ClusterView view, BooleanSupplier ready) {
        ClusterGauges g = new ClusterGauges(view);
        for (NodeStatus st : NodeStatus.values()) {
            if (st == NodeStatus.UNKNOWN) {
                continue;
            }
            for (BootStage sg : new BootStage[] {BootStage.PXE, BootStage.LOCAL}) {
                Gauge.builder("pxeflow_nodes", () -> g.count(st, sg))
                    .description("Nodes by status and stage").tag("status", st.code()).tag("stage", sg.code()).register(r);
            }
        }
        Gauge.builder("pxeflow_boot_looping_nodes", () -> g.count(NodeStatus.BOOT_LOOP, BootStage.PXE)
                + g.count(NodeStatus.BOOT_LOOP, BootStage.LOCAL))
            .description("Nodes answered by PXE again and again without coming up").register(r);
        Gauge.builder("pxeflow_discovered_macs", () -> view.discovered().size())
            .description("Unknown MACs that DHCPed or PXE-booted").register(r);
        Gauge.builder("pxeflow_ready", () -> ready.getAsBoolean() ? 1 : 0)
            .description("1 when this controller can serve").register(r);
    }

    private int count(NodeStatus st, BootStage sg) {
        return snapshot().getOrDefault(st, Map.of()).getOrDefault(sg, 0);
    }

    /** Counts are computed at most once a second, however often /metrics is scraped. */
    private Map<NodeStatus, Map<BootStage, Integer>> snapshot() {
        long now = System.currentTimeMillis();
        if (now - countsAt > 1000) {
            Map<NodeStatus, Map<BootStage, Integer>> c = new EnumMap<>(NodeStatus.class);
            for (NodeState s : view.nodes()) {
                c.computeIfAbsent(s.status(), k -> new EnumMap<>(BootStage.class)).merge(s.stage(), 1, Integer::sum);
            }
            counts = c;
            countsAt = now;
        }
        return counts;
    }
}
