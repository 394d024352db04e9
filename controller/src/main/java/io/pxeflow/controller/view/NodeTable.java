package io.pxeflow.controller.view;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.DiscoveredMac;
import io.pxeflow.protocol.message.NodeState;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's tables, replayed from their compacted topics: node states ({@code nodes}),
 * unknown clients ({@code discovered}) and the inventory. Written by the view's replay thread,
 * read by the API from any thread.
 */
final class NodeTable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeTable.class);

    private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();
    /**
     * During the replay, the latest record of each node not yet decoded: the nodes topic holds
     * several versions of most nodes until the log cleaner compacts it, and decoding a state is
     * most of what a replay costs, so each node is decoded once, when the replay ends.
     */
    private final Map<String, byte[]> replayed = new HashMap<>();
    private final Map<String, DiscoveredMac> discovered = new ConcurrentHashMap<>();
    private final Consumer<NodeState> applied;
    private volatile ClusterInventory inventory = ClusterInventory.empty();

    /** @param applied told of every node state taken in after the replay (the request waiters) */
    NodeTable(Consumer<NodeState> applied) {
        this.applied = applied;
    }

    Collection<NodeState> nodes() {
        return nodes.values();
    }

    NodeState node(String name) {
        return nodes.get(name);
    }

    /** Known, or replayed and about to be: heartbeats of such nodes are kept. */
    boolean knows(String name) {
        return nodes.containsKey(name) || replayed.containsKey(name);
    }

    Collection<DiscoveredMac> discovered() {
        // A MAC adopted into a node is no longer unknown, even before its discovery record ages out.
        Set<String> owned = new HashSet<>();
        nodes.values().forEach(n -> n.spec().macs().forEach(m -> owned.add(m.value())));
        return discovered.values().stream().filter(d -> !owned.contains(d.mac().value())).toList();
    }

    ClusterInventory inventory() {
        return inventory;
    }

    void node(String key, byte[] value, boolean history) {
        if (value == null) {
            replayed.remove(key);
            nodes.remove(key);
        } else if (history) {
            replayed.put(key, value);
        } else {
            replayed.remove(key);
            put(key, value);
        }
    }

    void discovered(String key, byte[] value) {
        if (value == null) {
            discovered.remove(key);
        } else if (Codec.DISCOVERED.decode(value) instanceof Decoded.Ok<DiscoveredMac> ok) {
            discovered.put(key, ok.value());
        }
    }

    void inventory(String key, byte[] value) {
        if (ClusterInventory.KEY.equals(key) && value != null
            && Codec.INVENTORY.decode(value) instanceof Decoded.Ok<ClusterInventory> ok) {
            inventory = ok.value();
        }
    }

    /** The replay is over: decodes the latest record of each node, on every core (a restart's readiness waits for it). */
    void replayDone() {
        long t0 = System.nanoTime();
        int n = replayed.size();
        replayed.entrySet().parallelStream().forEach(e -> put(e.getKey(), e.getValue()));
        replayed.clear();
        LOG.info("cluster view decoded the latest state of {} nodes in {} ms; {} discovered", n,
            (System.nanoTime() - t0) / 1_000_000, discovered.size());
    }

    private void put(String key, byte[] value) {
        if (Codec.NODE_STATE.decode(value) instanceof Decoded.Ok<NodeState> ok) {
            nodes.put(key, ok.value());
            applied.accept(ok.value());
        }
    }
}
