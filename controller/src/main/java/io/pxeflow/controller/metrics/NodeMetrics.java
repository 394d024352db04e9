package io.pxeflow.controller.metrics;

import io.pxeflow.controller.view.ClusterView.HeartbeatSeen;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

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

    /** One node as the scrape sees it: its durable state and its latest heartbeat, if any. */
    private record Row(NodeState state, String node, String labels, Heartbeat hb, Instant received) {
    }

    public NodeMetrics(Function<String, HeartbeatSeen> heartbeats) {
        this.heartbeats = heartbeats;
    }

    /** Writes every per-node family for {@code nodes} as of {@code now}. */
    public synchronized void write(Collection<NodeState> nodes, Instant now, ExpositionWriter w) {
        List<Row> rows = new ArrayList<>(nodes.size());
        for (NodeState s : nodes) {
            HeartbeatSeen seen = heartbeats.apply(s.name());
            rows.add(new Row(s, s.name(), ExpositionWriter.labels("node", s.name(), "class", s.spec().bootClass().name()),
                seen == null ? null : seen.heartbeat(),
                seen == null ? null : seen.received()));
        }
        countBoots(rows);
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
            BootCount b = boots.get(r.node);
            if (b != null) {
                sample(w, "pxeflow_node_reboots_total", r).value(b.changes);
            }
        }
        scalar(w, rows, "pxeflow_node_uptime_seconds", "Seconds since the node booted", Heartbeat::uptimeSeconds);
        scalar(w, rows, "pxeflow_node_load1", "One-minute load average", Heartbeat::load1);
        scalar(w, rows, "pxeflow_node_cpu_busy_ratio", "Fraction of CPU time not idle since the previous heartbeat",
            Heartbeat::cpuBusy);
        scalar(w, rows, "pxeflow_node_cpu_iowait_ratio", "Fraction of CPU time in iowait since the previous heartbeat",
            Heartbeat::cpuIowait);
        scalar(w, rows, "pxeflow_node_memory_available_bytes", "Memory available to new work (MemAvailable)",
            hb -> hb.memAvailableBytes() == null ? null : hb.memAvailableBytes().doubleValue());
        scalar(w, rows, "pxeflow_node_memory_used_bytes", "Memory in use (MemTotal - MemAvailable)",
            hb -> hb.memTotalBytes() == null || hb.memAvailableBytes() == null ? null
                : (double) (hb.memTotalBytes() - hb.memAvailableBytes()));
        scalar(w, rows, "pxeflow_node_swap_used_bytes", "Swap in use",
            hb -> hb.swapUsedBytes() == null ? null : hb.swapUsedBytes().doubleValue());
        filesystems(w, rows);
        interfaces(w, rows);
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

    private void countBoots(List<Row> rows) {
        if (boots.size() > rows.size() * 2 + 1024) {
            // Removed nodes leave entries behind; keep only nodes that still exist.
            java.util.Set<String> live = new java.util.HashSet<>();
            rows.forEach(r -> live.add(r.node));
            boots.keySet().retainAll(live);
        }
        for (Row r : rows) {
            if (r.hb == null) {
                continue;
            }
            BootCount b = boots.get(r.node);
            if (b == null) {
                boots.put(r.node, new BootCount(r.hb.bootId(), 0));
            } else if (!b.bootId.equals(r.hb.bootId())) {
                boots.put(r.node, new BootCount(r.hb.bootId(), b.changes + 1));
            }
        }
    }

    private static void scalar(ExpositionWriter w, List<Row> rows, String name, String help,
                               Function<Heartbeat, Double> value) {
        w.family(name, "gauge", help);
        for (Row r : rows) {
            Double v = r.hb == null ? null : value.apply(r.hb);
            if (v != null) {
                sample(w, name, r).value(v);
            }
        }
    }

    private static void filesystems(ExpositionWriter w, List<Row> rows) {
        Function<Row, List<Heartbeat.FilesystemUsage>> fs = r -> r.hb == null ? List.of()
            : distinct(r.hb.filesystems(), Heartbeat.FilesystemUsage::mount, MAX_FILESYSTEMS);
        keyed(w, rows, "pxeflow_node_filesystem_size_bytes", "gauge", "Size of each mounted filesystem", "mount", fs,
            Heartbeat.FilesystemUsage::mount, Heartbeat.FilesystemUsage::sizeBytes);
        keyed(w, rows, "pxeflow_node_filesystem_used_bytes", "gauge", "Bytes used on each mounted filesystem (size - free)",
            "mount", fs, Heartbeat.FilesystemUsage::mount, f -> Math.max(0, f.sizeBytes() - f.freeBytes()));
    }

    private static void interfaces(ExpositionWriter w, List<Row> rows) {
        Function<Row, List<Heartbeat.InterfaceCounters>> nics = r -> r.hb == null ? List.of()
            : distinct(r.hb.interfaces().stream().filter(i -> !"lo".equals(i.name())).toList(),
                Heartbeat.InterfaceCounters::name, MAX_INTERFACES);
        keyed(w, rows, "pxeflow_node_network_receive_bytes_total", "counter", "Bytes received per interface since boot",
            "interface", nics, Heartbeat.InterfaceCounters::name, Heartbeat.InterfaceCounters::rxBytes);
        keyed(w, rows, "pxeflow_node_network_transmit_bytes_total", "counter", "Bytes sent per interface since boot",
            "interface", nics, Heartbeat.InterfaceCounters::name, Heartbeat.InterfaceCounters::txBytes);
    }

    /** One family with a sample per item of each node (mount, interface), the item's key as a label. */
    private static <T> void keyed(ExpositionWriter w, List<Row> rows, String name, String type, String help, String label,
                                  Function<Row, List<T>> items, Function<T, String> key, ToLongFunction<T> value) {
        w.family(name, type, help);
        for (Row r : rows) {
            for (T item : items.apply(r)) {
                sample(w, name, r).label(label, key.apply(item)).value(value.applyAsLong(item));
            }
        }
    }

    /** The first {@code max} items with distinct keys: a mount listed twice would be a duplicate series. */
    private static <T> List<T> distinct(List<T> all, Function<T, String> key, int max) {
        Map<String, T> byKey = new java.util.LinkedHashMap<>();
        for (T t : all) {
            if (byKey.size() < max) {
                byKey.putIfAbsent(key.apply(t), t);
            }
        }
        return List.copyOf(byKey.values());
    }
}
