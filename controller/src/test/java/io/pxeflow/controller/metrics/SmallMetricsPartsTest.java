package io.pxeflow.controller.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallMetricsPartsTest {
    @Test
    void routesAreTemplatesAndLiteralSegmentsWin() {
        RouteTemplates t = new RouteTemplates(List.of("/api/*", "/api/v1/nodes/:name", "/api/v1/nodes/:name/events",
            "/api/v1/nodes", "/metrics"));
        assertEquals("/api/v1/nodes/:name", t.match("/api/v1/nodes/node7"));
        assertEquals("/api/v1/nodes/:name/events", t.match("/api/v1/nodes/node7/events"));
        assertEquals("/api/v1/nodes", t.match("/api/v1/nodes"));
        assertEquals(RouteTemplates.OTHER, t.match("/api/v1/nodes/a/b/c"));
        assertEquals(RouteTemplates.OTHER, t.match("/wp-login.php"));
    }

    @Test
    void deadLetterReasonsFallIntoAFewClassesWhateverTheText() {
        assertEquals(DeadLetterReason.MALFORMED, classify("{\"v\":1,"));
        assertEquals(DeadLetterReason.MALFORMED, classify("[1,2]"));
        assertEquals(DeadLetterReason.SCHEMA_VERSION, classify("{\"v\":99}"));
        assertEquals(DeadLetterReason.SCHEMA_VERSION, classify("{\"x\":1}"));
        assertEquals(DeadLetterReason.INVALID, classify("{\"v\":1,\"node\":\"-bad-\",\"bootId\":\"b\",\"seq\":1,"
            + "\"time\":\"2026-01-01T00:00:00Z\",\"intervalSeconds\":5}"));
        assertEquals(DeadLetterReason.EMPTY, DeadLetterReason.classify(
            ((Decoded.Failure<?>) Codec.HEARTBEAT.decode((byte[]) null)).reason()));
        assertEquals(DeadLetterReason.KEY_MISMATCH, DeadLetterReason.classify("key a does not match the record's node b"));
        assertEquals(DeadLetterReason.OTHER, DeadLetterReason.classify("something new"));
    }

    @Test
    void everyInputTopicsDeadLetterCountersExistAtZeroBeforeTheFirstOne() {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        var metrics = new io.pxeflow.controller.runtime.ControllerMetrics(registry);
        metrics.declareDeadLetters(List.of("site2.dhcp", "site2.heartbeats"));
        assertEquals(2 * DeadLetterReason.ALL.size(), registry.find("pxeflow_dead_letters").counters().size());
        assertEquals(0.0, registry.get("pxeflow_dead_letters").tag("topic", "site2.dhcp").tag("reason", "malformed")
            .counter().count());
        metrics.rejected("site2.dhcp", "malformed JSON at line 1");
        assertEquals(1.0, registry.get("pxeflow_dead_letters").tag("topic", "site2.dhcp").tag("reason", "malformed")
            .counter().count());
        assertEquals(2 * DeadLetterReason.ALL.size(), registry.find("pxeflow_dead_letters").counters().size(),
            "the same counter, not a new one");
    }

    private static String classify(String json) {
        return DeadLetterReason.classify(((Decoded.Failure<?>) Codec.HEARTBEAT.decode(json)).reason());
    }

    @Test
    void generatorsOweTheNodesWhoseLatestGenerationTheyHaveNotApplied() {
        SyntheticNodes c = new SyntheticNodes(20, Instant.parse("2026-01-01T00:00:00Z"));
        var t = ConfigGenerations.tally(c.states);
        assertEquals(new ConfigGenerations.Tally(20, 0, 0), t.get("gen-a"));
        assertEquals(new ConfigGenerations.Tally(18, 2, 2), t.get("gen-b"));
    }
}
