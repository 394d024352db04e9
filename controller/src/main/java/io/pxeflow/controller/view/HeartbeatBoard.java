package io.pxeflow.controller.view;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.Heartbeat;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest heartbeat of each node, as it arrived on {@code heartbeats}, kept as its bytes
 * (~600) and decoded on each read: every node reports every few seconds but the API and the
 * scrape read them far less often, the controller's stream thread already decodes each one on the
 * same cores, and a decoded heartbeat kept beside its bytes (~1.5 KB more per node) is 150 MB at
 * 100,000 nodes.
 */
final class HeartbeatBoard {
    /**
     * A reporter's heartbeat is under 1 KiB, a few KiB with many filesystems and interfaces; a
     * record far larger is not one (the controller dead-letters it), and keeping it would let
     * anyone who can write the topic park a megabyte per node in every controller's heap.
     */
    static final int MAX_HEARTBEAT_BYTES = 64 * 1024;

    private final Map<String, Received> latest = new ConcurrentHashMap<>();

    private record Received(String node, byte[] bytes, Instant at) {
        /** Null when the payload is not a valid heartbeat of this node (the controller dead-letters it). */
        ClusterView.HeartbeatSeen seen() {
            if (Codec.HEARTBEAT.decode(bytes) instanceof Decoded.Ok<Heartbeat> ok && node.equals(ok.value().node())) {
                return new ClusterView.HeartbeatSeen(ok.value(), at);
            }
            return null;
        }
    }

    /** A record of {@code heartbeats} for a known node; install reports share the topic and are not heartbeats. */
    void record(String node, byte[] value, Instant now) {
        if (node != null && value != null && value.length <= MAX_HEARTBEAT_BYTES && !isInstallReport(value)) {
            latest.put(node, new Received(node, value, now));
        }
    }

    void forget(String node) {
        latest.remove(node);
    }

    ClusterView.HeartbeatSeen heartbeat(String node) {
        Received r = latest.get(node);
        return r == null ? null : r.seen();
    }

    private static boolean isInstallReport(byte[] value) {
        return io.pxeflow.protocol.codec.NodeReports.looksLikeInstallReport(value);
    }
}
