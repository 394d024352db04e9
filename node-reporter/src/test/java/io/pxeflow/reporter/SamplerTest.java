package io.pxeflow.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.Heartbeat.FilesystemUsage;
import io.pxeflow.reporter.collect.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerTest {
    static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123456Z");

    static Sampler sampler(String fixture, String node) {
        return new Sampler(Fixtures.fs(fixture), node, 5, Fixtures.probe(), Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test
    void heartbeatCarriesEveryFieldFromTheFixture() {
        Heartbeat hb = sampler("typical", "node15").sample();
        assertEquals("node15", hb.node());
        assertEquals("9b2f7c1e-4a6d-4f0e-8d3b-2a1c5e7f9d10", hb.bootId());
        assertEquals(1, hb.seq());
        assertEquals(Instant.parse("2025-03-01T12:00:00.123Z"), hb.time());
        assertEquals(5, hb.intervalSeconds());
        assertEquals(Version.REPORTER, hb.reporterVersion());
        assertEquals("5.14.0-427.13.1.el9_4.x86_64", hb.kernel());
        assertEquals(86512.34, hb.uptimeSeconds());
        assertEquals(3.52, hb.load1());
        assertEquals(1.04, hb.load15());
        assertNull(hb.cpuBusy(), "no previous sample yet");
        assertEquals(8, hb.cpuCount());
        assertEquals(65536000L * 1024, hb.memTotalBytes());
        assertEquals(397930496L, hb.swapUsedBytes());
        assertEquals(List.of("/", "/dev/shm", "/boot", "/scratch"),
            hb.filesystems().stream().map(FilesystemUsage::mount).toList());
        assertEquals(new FilesystemUsage("/boot", "/dev/sda1", "xfs", 100L << 30, 6L << 20, 5L << 20), hb.filesystems().get(2));
        assertEquals(2, hb.interfaces().size());
    }

    @Test
    void sequenceCountsUpAndCpuFractionsAppearFromTheSecondSample() {
        Sampler s = sampler("typical", "node15");
        s.sample();
        Heartbeat second = s.sample();
        assertEquals(2, second.seq());
        assertNull(second.cpuBusy(), "same fixture file twice: no ticks elapsed, so unknown rather than 0");
    }

    @Test
    void jsonDecodesBackToTheSameHeartbeat() {
        for (String fixture : List.of("typical", "noswap", "nfs-root", "bind-mounts", "many-interfaces", "old-kernel")) {
            Heartbeat hb = sampler(fixture, "n1").sample();
            byte[] json = HeartbeatJson.encode(hb);
            Decoded<Heartbeat> back = Codec.HEARTBEAT.decode(json);
            assertEquals(new Decoded.Ok<>(hb), back, fixture);
            assertTrue(json.length < 8 * 1024, fixture + " heartbeat is " + json.length + " bytes");
        }
    }

    @Test
    void absentValuesAreLeftOutOfTheJsonNotWrittenAsZero() {
        Heartbeat hb = sampler("old-kernel", "n7").sample();
        String json = HeartbeatJson.encodeToString(hb);
        assertNull(hb.memAvailableBytes());
        assertFalse(json.contains("memAvailableBytes"), json);
        assertFalse(json.contains("cpuIowait"), json);
        assertEquals("btime-1062191376", hb.bootId());
        assertEquals("2.4.21-63.ELsmp", hb.kernel());
    }

    @Test
    void anEmptyRootStillGivesAValidHeartbeat() {
        Sampler s = new Sampler(new io.pxeflow.reporter.collect.ProcFs(java.nio.file.Path.of("/nonexistent")), "n1", 5,
            Fixtures.probe(), Clock.fixed(T0, ZoneOffset.UTC));
        Heartbeat hb = s.sample();
        assertEquals("unknown", hb.bootId());
        assertNull(hb.load1());
        assertNull(hb.memTotalBytes());
        assertEquals(List.of(), hb.filesystems());
    }
}
