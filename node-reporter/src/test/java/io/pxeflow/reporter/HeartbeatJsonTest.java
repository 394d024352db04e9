package io.pxeflow.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.Heartbeat.FilesystemUsage;
import io.pxeflow.protocol.message.Heartbeat.InterfaceCounters;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written heartbeat JSON against the protocol's Jackson codec, which the controller decodes with. */
class HeartbeatJsonTest {
    static final List<String> FIXTURES = List.of("typical", "noswap", "nfs-root", "bind-mounts", "many-interfaces",
        "old-kernel");

    @Test
    void everyFixtureSampleDecodesBackToTheSameHeartbeatAndMatchesJacksonsJson() throws IOException {
        for (String fixture : FIXTURES) {
            Heartbeat hb = SamplerTest.sampler(fixture, "n1").sample();
            assertRoundTripsLikeJackson(hb, fixture);
        }
    }

    @Test
    void absentValuesAreLeftOutAndDecodeAsAbsent() throws IOException {
        Heartbeat bare = new Heartbeat("n2", "btime-1", 1, Instant.parse("2025-03-01T12:00:00Z"), 5, "dev", null,
            null, null, null, null, null, null, null, null, null, null, null, List.of(), List.of());
        assertRoundTripsLikeJackson(bare, "all optional values absent");
        String json = HeartbeatJson.encodeToString(bare);
        for (String field : List.of("kernel", "uptimeSeconds", "load1", "cpuBusy", "cpuCount", "memTotalBytes",
                "swapUsedBytes", "null")) {
            assertFalse(json.contains(field), field + " in " + json);
        }
    }

    @Test
    void everyValueKindIncludingOddStringsAndTinyAndHugeNumbers() throws IOException {
        Heartbeat hb = new Heartbeat("node-015", "9b2f7c1e-4a6d", Long.MAX_VALUE, Instant.parse("2025-03-01T12:00:00.120Z"),
            3600, "1.2.3-SNAPSHOT", "6.1.0 \"quoted\" \\ backslash é ✓ \ud83d\ude00", 1.0E-5, 0.0, 123456789.25, 1e21,
            0.0001, 1.0, Integer.MAX_VALUE, Long.MAX_VALUE, 0L, 0L, 0L,
            List.of(new FilesystemUsage("/mnt/with space/ünï\"\\", "/dev/disk/by-label/a\u00a0b", "ext4", 0, Long.MAX_VALUE, 1)),
            List.of(new InterfaceCounters("eth0", 1, 2, 3, 4, 5, 6), new InterfaceCounters("ib0.8001", Long.MAX_VALUE, 0,
                0, 0, 0, 0)));
        assertRoundTripsLikeJackson(hb, "odd values");
    }

    @Test
    void cpuFractionsFromTheSecondSampleSurviveTheTrip() throws IOException {
        Heartbeat first = SamplerTest.sampler("typical", "n3").sample();
        Heartbeat withCpu = new Heartbeat(first.node(), first.bootId(), 2, first.time(), first.intervalSeconds(),
            first.reporterVersion(), first.kernel(), first.uptimeSeconds(), first.load1(), first.load5(), first.load15(),
            0.1234, 0.0007, first.cpuCount(), first.memTotalBytes(), first.memAvailableBytes(), first.swapTotalBytes(),
            first.swapUsedBytes(), first.filesystems(), first.interfaces());
        assertRoundTripsLikeJackson(withCpu, "cpu fractions");
    }

    @Test
    void controlCharactersTheProtocolWouldRefuseAreStillEscapedToValidJson() throws IOException {
        String nasty = "a\u0000b\u0001\n\t\u001f\u007f\"\\z";
        String literal = HeartbeatJson.quoted(new StringBuilder(), nasty).toString();
        assertEquals(nasty, Json.mapper().readTree(literal).textValue(), literal);
        assertFalse(literal.chars().anyMatch(c -> c < 0x20), literal);
    }

    @Test
    void aNonFiniteValueIsLeftOutRatherThanWrittenAsInvalidJson() {
        Heartbeat hb = new Heartbeat("n4", "b", 1, Instant.EPOCH, 5, "dev", null, Double.NaN, Double.POSITIVE_INFINITY,
            null, null, null, null, null, null, null, null, null, List.of(), List.of());
        Heartbeat back = ((Decoded.Ok<Heartbeat>) Codec.HEARTBEAT.decode(HeartbeatJson.encode(hb))).value();
        assertEquals(null, back.uptimeSeconds());
        assertEquals(null, back.load1());
    }

    private static void assertRoundTripsLikeJackson(Heartbeat hb, String what) throws IOException {
        byte[] ours = HeartbeatJson.encode(hb);
        Decoded<Heartbeat> back = Codec.HEARTBEAT.decode(ours);
        assertEquals(new Decoded.Ok<>(hb), back, what);
        JsonNode ourTree = Json.mapper().readTree(ours);
        JsonNode jacksonTree = Json.mapper().readTree(Codec.HEARTBEAT.encode(hb));
        assertEquals(jacksonTree, ourTree, what + ": same fields and values as Codec.HEARTBEAT writes");
        assertTrue(ourTree.fieldNames().next().equals("v"), "schema version first");
    }
}
