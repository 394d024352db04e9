package io.pxeflow.controller.metrics;

import io.pxeflow.controller.view.ClusterView.HeartbeatSeen;
import io.pxeflow.protocol.message.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-node series, labelled {@code node} and {@code class}, written from the cluster view at
 * scrape time. Families are written one after another, each iterating the node snapshot, so the
 * output groups every family's samples as the text format requires.
 */
public final class NodeMetrics {
    /** Bounds on what one node can add to a scrape, whatever its reporter sends. */
    static final int MAX_FILESYSTEMS = 32;
    static final int MAX_INTERFACES = 16;

    private final Function<String, HeartbeatSeen> heartbeats;
    /** Boot ids seen per node and how often they changed; a counter needs memory between scrapes. */
    private final Map<String, BootCount> boots = new HashMap<>();

    private record BootCount(String bootId, long changes) {
    }

    /**
     * One node as the scrape sees it, extracted once per scrape: its durable state (held by the
     * view anyway), its rendered labels, and only the numbers and item keys the families below
     * write, not the decoded heartbeat (~1.5 KB each, 150 MB at 100,000 nodes).
     */
    private record Row(NodeState state, String labels, Instant received, HeartbeatFigures figures) {
    }

    public NodeMetrics(Function<String, HeartbeatSeen> heartbeats) {
        this.heartbeats = heartbeats;
    }

    /** Writes every per-node family for {@code nodes} as of {@code now}. */
    public synchronized void write(Collection<NodeState> nodes, Instant now, ExpositionWriter w) {
        forgetRemovedNodes(nodes);
        Map<String, String> keys = new HashMap<>();
        List<Row> rows = new ArrayList<>(nodes.size());
        for (NodeState s : nodes) {
            HeartbeatSeen seen = heartbeats.apply(s.name());
            String labels = ExpositionWriter.labels("node", s.name(), "class", s.spec().bootClass().name());
            if (seen == null) {
                rows.add(new Row(s, labels, null, null));
            } else {
                countBoot(s.name(), seen.heartbeat().bootId());
                rows.add(new Row(s, labels, seen.received(), HeartbeatFigures.of(seen.heartbeat(), keys)));
            }
        }
        w.family("pxeflow_node_info", "gauge", "Always 1; labels carry the node's current status and boot stage");
        for (Row r : rows) {
            sample(w, "pxeflow_node_info", r).label("status", r.state.status().code())
                .label("stage", r.state.stage().code()).value(1);
        }
        w.family("pxeflow_node_status_code", "gauge",
            "Node status as a number: 0 registered, 1 dhcp, 2 netbooting, 3 booting, 4 up, 5 stale, 6 down, 7 boot-loop");
        for (Row r : rows) {
            sample(w, "pxeflow_node_status_code", r).value(StatusCodes.of(r.state.status()));
        }
        w.family("pxeflow_node_heartbeat_age_seconds", "gauge", "Seconds since the node's last heartbeat");
        for (Row r : rows) {
            Instant last = lastHeartbeat(r);
            if (last != null) {
                sample(w, "pxeflow_node_heartbeat_age_seconds", r)
                    .value(Math.max(0, Duration.between(last, now).toMillis()) / 1000.0);
            }
        }
        w.family("pxeflow_node_reboots_total", "counter", "Boot id changes this controller saw in the node's heartbeats");
        for (Row r : rows) {
            // At zero for a node not heard from yet: a counter exists before its first event.
            BootCount b = boots.get(r.state.name());
            sample(w, "pxeflow_node_reboots_total", r).value(b == null ? 0 : b.changes);
        }
        scalar(w, rows, HeartbeatFigures.UPTIME, "pxeflow_node_uptime_seconds", "Seconds since the node booted");
        scalar(w, rows, HeartbeatFigures.LOAD1, "pxeflow_node_load1", "One-minute load average");
        scalar(w, rows, HeartbeatFigures.CPU_BUSY, "pxeflow_node_cpu_busy_ratio",
            "Fraction of CPU time not idle since the previous heartbeat");
        scalar(w, rows, HeartbeatFigures.CPU_IOWAIT, "pxeflow_node_cpu_iowait_ratio",
            "Fraction of CPU time in iowait since the previous heartbeat");
        scalar(w, rows, HeartbeatFigures.MEM_AVAILABLE, "pxeflow_node_memory_available_bytes",
            "Memory available to new work (MemAvailable)");
        scalar(w, rows, HeartbeatFigures.MEM_USED, "pxeflow_node_memory_used_bytes", "Memory in use (MemTotal - MemAvailable)");
        scalar(w, rows, HeartbeatFigures.SWAP_USED, "pxeflow_node_swap_used_bytes", "Swap in use");
        keyed(w, rows, "pxeflow_node_filesystem_size_bytes", "gauge", "Size of each mounted filesystem", "mount",
            false, 0);
        keyed(w, rows, "pxeflow_node_filesystem_used_bytes", "gauge", "Bytes used on each mounted filesystem (size - free)",
            "mount", false, 1);
        keyed(w, rows, "pxeflow_node_network_receive_bytes_total", "counter", "Bytes received per interface since boot",
            "interface", true, 0);
        keyed(w, rows, "pxeflow_node_network_transmit_bytes_total", "counter", "Bytes sent per interface since boot",
            "interface", true, 1);
    }

    private static ExpositionWriter sample(ExpositionWriter w, String name, Row r) {
        return w.sample(name, r.labels);
    }

    private static Instant lastHeartbeat(Row r) {
        Instant durable = r.state.lastHeartbeat();
        if (r.received == null) {
            return durable;
        }
        return durable == null || r.received.isAfter(durable) ? r.received : durable;
    }

    private void forgetRemovedNodes(Collection<NodeState> nodes) {
        if (boots.size() > nodes.size() * 2 + 1024) {
            // Removed nodes leave entries behind; keep only nodes that still exist.
            java.util.Set<String> live = new java.util.HashSet<>();
            nodes.forEach(s -> live.add(s.name()));
            boots.keySet().retainAll(live);
        }
    }

    private void countBoot(String node, String bootId) {
        BootCount b = boots.get(node);
        if (b == null) {
            boots.put(node, new BootCount(bootId, 0));
        } else if (!b.bootId.equals(bootId)) {
            boots.put(node, new BootCount(bootId, b.changes + 1));
        }
    }

    private static void scalar(ExpositionWriter w, List<Row> rows, int figure, String name, String help) {
        w.family(name, "gauge", help);
        for (Row r : rows) {
            if (r.figures != null && r.figures.has(figure)) {
                sample(w, name, r).value(r.figures.scalar(figure));
            }
        }
    }

    /** One family with a sample per item of each node (mount, interface), the item's key as a label. */
    private static void keyed(ExpositionWriter w, List<Row> rows, String name, String type, String help, String label,
                              boolean interfaces, int column) {
        w.family(name, type, help);
        for (Row r : rows) {
            if (r.figures == null) {
                continue;
            }
            int from = interfaces ? r.figures.filesystems() : 0;
            int to = interfaces ? r.figures.items() : r.figures.filesystems();
            for (int i = from; i < to; i++) {
                sample(w, name, r).label(label, r.figures.key(i)).value(r.figures.value(i, column));
            }
        }
    }

    /** The first {@code max} items with distinct keys: a mount listed twice would be a duplicate series. */
    static <T> List<T> distinct(List<T> all, Function<T, String> key, int max) {
        Map<String, T> byKey = new java.util.LinkedHashMap<>();
        for (T t : all) {
            if (byKey.size() < max) {
                byKey.putIfAbsent(key.apply(t), t);
            }
        }
        return List.copyOf(byKey.values());
    }
}
