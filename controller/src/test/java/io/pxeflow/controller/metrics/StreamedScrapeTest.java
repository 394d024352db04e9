package io.pxeflow.controller.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.view.ClusterView.HeartbeatSeen;
import io.pxeflow.protocol.message.Heartbeat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamedScrapeTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /**
     * SHA-256 of the two scrapes of {@link #quirkyCluster} as the one-piece implementation (one
     * StringBuilder for the whole body, a decoded heartbeat per row) wrote them, before streaming.
     * Changed once since, on purpose: the nodes without a heartbeat (node5, node2999) have their
     * reboot counter at 0 ({@link #ONE_PIECE_BEFORE_ZERO_COUNTERS_SHA256} is the text without those lines).
     */
    private static final String ONE_PIECE_SHA256 = "9ee50a906b8b6ebc6117434bf8163df636631c9b987937b191f1a397eca9c1e3";
    private static final String ONE_PIECE_BEFORE_ZERO_COUNTERS_SHA256 =
        "6d04da01d710a6ee6812a76325b380b246c9a302ec0433f618e2a732c69fa381";

    /** 3,000 nodes, some without a heartbeat, one sparse, one with a mount twice, one with too many. */
    static SyntheticNodes quirkyCluster() {
        return quirkyCluster(3000);
    }

    static SyntheticNodes quirkyCluster(int n) {
        SyntheticNodes c = new SyntheticNodes(n, T0);
        c.heartbeats.remove("node5");
        c.heartbeats.remove("node" + (n - 1));
        c.heartbeats.put("node7", new HeartbeatSeen(new Heartbeat("node7", "b", 1, T0, 5, null, null, null, 0.25, null,
            null, null, null, null, 100L, null, null, null,
            List.of(new Heartbeat.FilesystemUsage("/", "a", "ext4", 10, 4, 4),
                new Heartbeat.FilesystemUsage("/", "b", "ext4", 10, 4, 4)), List.of()), T0.plusMillis(1500)));
        List<Heartbeat.FilesystemUsage> many = new ArrayList<>();
        List<Heartbeat.InterfaceCounters> nics = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new Heartbeat.FilesystemUsage("/m" + i, "d" + i, "xfs", 1000 + i, 10, 900));
            nics.add(new Heartbeat.InterfaceCounters("eth" + i, i, 2L * i, 1, 1, 0, 0));
        }
        c.heartbeats.put("node11", new HeartbeatSeen(new Heartbeat("node11", "b", 1, T0, 5, null, null, 1.5, 1.0, null,
            null, 0.125, 0.0, null, null, null, null, 7L, many, nics), T0.minusSeconds(30)));
        return c;
    }

    static MetricsScrape scrape(SyntheticNodes c) {
        return new MetricsScrape(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> c.states, c.heartbeats::get,
            null, Clock.fixed(T0.plusMillis(2750), ZoneOffset.UTC));
    }

    /** Two scrapes, with a reboot of node3 between them so the reboot counter moves. */
    static String twoScrapes(SyntheticNodes c, MetricsScrape s) {
        String first = s.scrape();
        c.heartbeats.put("node3", new HeartbeatSeen(SyntheticNodes.heartbeat("node3", "rebooted", 3, T0), T0));
        return first + s.scrape();
    }

    @Test
    void theOutputIsByteForByteWhatTheOnePieceImplementationWrote() throws Exception {
        SyntheticNodes c = quirkyCluster();
        String text = twoScrapes(c, scrape(c));
        assertTrue(text.contains("pxeflow_node_reboots_total{node=\"node3\",class=\"compute\"} 1\n"));
        assertEquals(ONE_PIECE_SHA256, sha256(text));
        String withoutZeroCounters = text.replace("pxeflow_node_reboots_total{node=\"node5\",class=\"compute\"} 0\n", "")
            .replace("pxeflow_node_reboots_total{node=\"node2999\",class=\"compute\"} 0\n", "");
        assertEquals(ONE_PIECE_BEFORE_ZERO_COUNTERS_SHA256, sha256(withoutZeroCounters));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aScrapeStreamedInManyChunksIsTheOnePieceTextCutAtLineEnds() {
        SyntheticNodes c = quirkyCluster();
        MetricsScrape s = scrape(c);
        String whole = s.scrape();
        List<String> chunks = new ArrayList<>();
        s.stream(16 * 1024, chunk -> chunks.add(chunk.toString()));
        assertTrue(chunks.size() > 50, "chunks: " + chunks.size());
        for (String chunk : chunks) {
            assertTrue(chunk.endsWith("\n"), chunk);
            assertTrue(chunk.length() < 17 * 1024, "chunk of " + chunk.length());
        }
        assertEquals(whole, String.join("", chunks));
    }
}
