package io.pxeflow.controller.metrics;

import io.pxeflow.controller.view.ClusterView.HeartbeatSeen;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A cluster of {@code n} up nodes with realistic heartbeats: three filesystems, two NICs and lo. */
final class SyntheticNodes {
    static final long GIB = 1L << 30;
    final List<NodeState> states = new ArrayList<>();
    final Map<String, HeartbeatSeen> heartbeats = new HashMap<>();

    SyntheticNodes(int n, Instant now) {
        ClassSpec compute = ClassSpec.named("compute");
        Ipv4Address base = Ipv4Address.parse("10.0.0.10");
        for (int i = 0; i < n; i++) {
            String name = "node" + i;
            MacAddress mac = MacAddress.of(String.format("02:00:%02x:%02x:%02x:01", (i >> 16) & 0xff, (i >> 8) & 0xff,
                i & 0xff));
            NodeSpec spec = new NodeSpec(i, name, List.of(mac), base.plus(i), compute, null, BootSequence.PXE_LOCAL);
            states.add(NodeState.builder(spec, BootStage.LOCAL, now).status(NodeStatus.UP).bootId("boot-" + i)
                .lastHeartbeat(now).heartbeatSeconds(5).generation(3).appliedBy(Map.of("gen-a", 3L, "gen-b", i % 10 == 0 ? 2L : 3L))
                .updated(now).stageSince(null).build());
            heartbeats.put(name, new HeartbeatSeen(heartbeat(name, "boot-" + i, i, now), now));
        }
    }

    static Heartbeat heartbeat(String name, String bootId, int i, Instant now) {
        return new Heartbeat(name, bootId, i, now, 5, "bench", "6.1.0", 86_400.0 + i, 3.5, 3.2, 3.0, 0.4 + (i % 50) / 100.0,
            0.01, 64, 256 * GIB, 128 * GIB + i, 8 * GIB, 0L,
            List.of(new Heartbeat.FilesystemUsage("/", "/dev/sda1", "ext4", 100 * GIB, 60 * GIB, 55 * GIB),
                new Heartbeat.FilesystemUsage("/scratch", "/dev/nvme0n1", "xfs", 3500 * GIB, 1000 * GIB + i, 1000 * GIB),
                new Heartbeat.FilesystemUsage("/dev/shm", "tmpfs", "tmpfs", 128 * GIB, 127 * GIB, 127 * GIB)),
            List.of(new Heartbeat.InterfaceCounters("lo", 1, 1, 1, 1, 0, 0),
                new Heartbeat.InterfaceCounters("eth0", 123_456_789_012L + i, 98_765_432_109L, 1, 1, 0, 0),
                new Heartbeat.InterfaceCounters("ib0", 923_456_789_012L + i, 918_765_432_109L, 1, 1, 0, 0)));
    }
}
