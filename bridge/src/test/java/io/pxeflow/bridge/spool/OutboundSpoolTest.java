package io.pxeflow.bridge.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.bridge.BridgeMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboundSpoolTest {
    @TempDir
    Path dir;

    private static SpoolRecord rec(int i) {
        return new SpoolRecord("pxeflow.dhcp", "52:54:00:12:34:" + String.format("%02x", i % 256),
            ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> values(List<OutboundSpool.Entry> entries) {
        return entries.stream().map(e -> new String(e.record().value(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void deliversInOrderAndRemovesOnlyWhatWasAcknowledged() {
        OutboundSpool spool = new OutboundSpool(dir, 100, 1 << 20, false, new BridgeMetrics());
        IntStream.range(0, 5).forEach(i -> spool.append(rec(i)));
        List<OutboundSpool.Entry> head = spool.peek(3);
        assertEquals(List.of("{\"n\":0}", "{\"n\":1}", "{\"n\":2}"), values(head));
        spool.removeThrough(head.get(1).seq());
        assertEquals(List.of("{\"n\":2}", "{\"n\":3}", "{\"n\":4}"), values(spool.peek(10)));
        assertEquals(rec(2), spool.peek(1).get(0).record());
    }

    @Test
    void survivesARestartAndKeepsNumberingAfterTheLastRecord() {
        OutboundSpool first = new OutboundSpool(dir, 100, 1 << 20, true, new BridgeMetrics());
        IntStream.range(0, 3).forEach(i -> first.append(rec(i)));
        OutboundSpool second = new OutboundSpool(dir, 100, 1 << 20, true, new BridgeMetrics());
        assertEquals(3, second.size());
        second.append(rec(3));
        assertEquals(List.of("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}"), values(second.peek(10)));
        assertEquals(first.bytes() + OutboundSpool.encode(rec(3)).length, second.bytes());
    }

    @Test
    void whenFullTheOldestIsDroppedCountedAndAppendingNeverBlocks() {
        BridgeMetrics metrics = new BridgeMetrics();
        OutboundSpool spool = new OutboundSpool(dir, 3, 1 << 20, false, metrics);
        IntStream.range(0, 5).forEach(i -> spool.append(rec(i)));
        assertEquals(List.of("{\"n\":2}", "{\"n\":3}", "{\"n\":4}"), values(spool.peek(10)));
        assertEquals(2, metrics.dropped());
        assertEquals(5, metrics.spooled());
        assertEquals(3L, metrics.snapshot().get("spool_records"));
    }

    @Test
    void theByteBoundHoldsToo() {
        BridgeMetrics metrics = new BridgeMetrics();
        int one = OutboundSpool.encode(rec(0)).length;
        OutboundSpool spool = new OutboundSpool(dir, 1000, one * 2L + 1, false, metrics);
        IntStream.range(0, 4).forEach(i -> spool.append(rec(i)));
        assertEquals(2, spool.size());
        assertTrue(spool.bytes() <= one * 2L + 1);
        assertEquals(2, metrics.dropped());
    }

    @Test
    void aCorruptFileIsSkippedAndLeftoverTempFilesAreRemoved() throws Exception {
        OutboundSpool spool = new OutboundSpool(dir, 100, 1 << 20, false, new BridgeMetrics());
        IntStream.range(0, 3).forEach(i -> spool.append(rec(i)));
        Path second = dir.resolve(String.format("%020d.rec", 2));
        byte[] b = Files.readAllBytes(second);
        b[b.length / 2] ^= 0x55;
        Files.write(second, b);
        Files.writeString(dir.resolve(".tmp-99"), "half");
        BridgeMetrics metrics = new BridgeMetrics();
        OutboundSpool reopened = new OutboundSpool(dir, 100, 1 << 20, false, metrics);
        assertEquals(List.of("{\"n\":0}", "{\"n\":2}"), values(reopened.peek(10)));
        assertEquals(1, metrics.dropped());
        assertTrue(Files.notExists(dir.resolve(".tmp-99")));
    }
}
