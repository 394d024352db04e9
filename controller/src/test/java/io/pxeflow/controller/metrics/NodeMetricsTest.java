package io.pxeflow.controller.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.controller.view.ClusterView.HeartbeatSeen;
import io.pxeflow.protocol.message.Heartbeat;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static String write(NodeMetrics m, SyntheticNodes c, Instant now) {
        StringBuilder sb = new StringBuilder();
        m.write(c.states, now, new ExpositionWriter(sb));
        return sb.toString();
    }

    @Test
    void everyNodeGetsItsSeriesLabelledByNodeAndClassAndLoopbackIsLeftOut() {
        SyntheticNodes c = new SyntheticNodes(2, T0);
        String out = write(new NodeMetrics(c.heartbeats::get), c, T0.plusMillis(2500));
        assertTrue(out.contains("pxeflow_node_status_code{node=\"node1\",class=\"compute\"} 4\n"), out);
        assertTrue(out.contains("pxeflow_node_heartbeat_age_seconds{node=\"node0\",class=\"compute\"} 2.5\n"), out);
        assertTrue(out.contains("pxeflow_node_filesystem_used_bytes{node=\"node0\",class=\"compute\",mount=\"/\"} "
            + 40 * SyntheticNodes.GIB + "\n"), out);
        assertTrue(out.contains("pxeflow_node_network_receive_bytes_total{node=\"node1\",class=\"compute\","
            + "interface=\"eth0\"} 123456789013\n"), out);
        assertFalse(out.contains("interface=\"lo\""), out);
    }

    @Test
    void aRebootCountsOnceWhenTheBootIdChanges() {
        SyntheticNodes c = new SyntheticNodes(1, T0);
        NodeMetrics m = new NodeMetrics(c.heartbeats::get);
        assertTrue(write(m, c, T0).contains("pxeflow_node_reboots_total{node=\"node0\",class=\"compute\"} 0\n"));
        c.heartbeats.put("node0", new HeartbeatSeen(SyntheticNodes.heartbeat("node0", "new-boot", 0, T0), T0));
        write(m, c, T0);
        assertTrue(write(m, c, T0).contains("pxeflow_node_reboots_total{node=\"node0\",class=\"compute\"} 1\n"));
    }

    @Test
    void aNodeNotHeardFromHasNoReadingsButItsRebootCounterIsAtZero() {
        SyntheticNodes c = new SyntheticNodes(1, T0);
        c.heartbeats.clear();
        String out = write(new NodeMetrics(c.heartbeats::get), c, T0);
        assertTrue(out.contains("pxeflow_node_reboots_total{node=\"node0\",class=\"compute\"} 0\n"), out);
        assertFalse(out.contains("pxeflow_node_load1{"), "no reading is not a reading of 0: " + out);
    }

    @Test
    void aMountReportedTwiceIsOneSeriesAndMissingValuesAreNoSample() {
        SyntheticNodes c = new SyntheticNodes(1, T0);
        Heartbeat sparse = new Heartbeat("node0", "b", 1, T0, 5, null, null, null, null, null, null, null, null, null, null,
            null, null, null, List.of(new Heartbeat.FilesystemUsage("/", "a", "ext4", 10, 4, 4),
                new Heartbeat.FilesystemUsage("/", "b", "ext4", 10, 4, 4)), List.of());
        c.heartbeats.put("node0", new HeartbeatSeen(sparse, T0));
        String out = write(new NodeMetrics(c.heartbeats::get), c, T0);
        assertEquals(1, out.split("pxeflow_node_filesystem_used_bytes\\{", -1).length - 1, out);
        assertFalse(out.contains("pxeflow_node_load1{"), out);
        assertTrue(out.contains("# TYPE pxeflow_node_load1 gauge"), out);
    }
}
