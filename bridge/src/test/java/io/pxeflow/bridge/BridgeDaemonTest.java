package io.pxeflow.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.bridge.kafka.EventSink;
import io.pxeflow.bridge.resolve.MapAddressBook;
import io.pxeflow.bridge.spool.SpoolRecord;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.DhcpEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's delivery rules with a fake sink and a hand-driven clock; the real broker is in BridgeIT. */
class BridgeDaemonTest {
    @TempDir
    Path dir;

    /** A sink that is down until told otherwise. */
    static final class FakeSink implements EventSink {
        final List<SpoolRecord> delivered = new ArrayList<>();
        boolean up;
        int resets;

        @Override
        public int deliver(List<SpoolRecord> records) {
            if (!up) {
                return 0;
            }
            delivered.addAll(records);
            return records.size();
        }

        @Override
        public void reset() {
            resets++;
        }
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private BridgeConfig config() {
        return BridgeConfig.fromMap(Map.of("spool", dir.resolve("spool").toString(),
            "dnsmasq-log", dir.resolve("dnsmasq.log").toString(), "from-start", "true", "server", "head1",
            "zone", "UTC", "spool-fsync", "false", "tftp-roots", "/srv/tftp", "discovery-grace-ms", "5000"));
    }

    /** What the controller published: node{i} owns 52:54:00:12:34:{i}, node15 owns ...:56. */
    private static MapAddressBook book() {
        MapAddressBook book = new MapAddressBook();
        for (int i = 1; i <= 9; i++) {
            book.with(String.format("mac/52:54:00:12:34:%02x", i), "node" + i);
        }
        return book.with("mac/52:54:00:12:34:56", "node15");
    }

    private void log(String line) throws Exception {
        Files.writeString(dir.resolve("dnsmasq.log"), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String ack(int i) {
        return String.format("Nov 23 09:17:22 dnsmasq-dhcp[1]: %d DHCPACK(eth0) 10.99.0.%d 52:54:00:12:34:%02x node%d",
            i, 100 + i, i, i);
    }

    private static List<String> hosts(List<SpoolRecord> records) {
        return records.stream().map(r -> ((Decoded.Ok<DhcpEvent>) Codec.DHCP.decode(r.value())).value().hostname()).toList();
    }

    @Test
    void whileKafkaIsDownEventsSpoolAndLaterGoOutInOrderBeforeNewOnes() throws Exception {
        FakeSink sink = new FakeSink();
        MutableClock clock = new MutableClock();
        try (BridgeDaemon d = new BridgeDaemon(config(), sink, book(), clock)) {
            log(ack(1));
            d.runOnce();
            assertEquals(1, d.spooled());
            log(ack(2));
            d.runOnce(); // within the retry pause: straight to the spool, Kafka is not tried
            assertEquals(2, d.spooled());
            assertEquals(1, sink.resets);

            sink.up = true;
            log(ack(3));
            d.runOnce();
            assertEquals(3, d.spooled(), "still pausing: new events queue behind the spooled ones");
            clock.now = clock.now.plusSeconds(2);
            d.runOnce();
            assertEquals(0, d.spooled());
            log(ack(4));
            d.runOnce();
            assertEquals(List.of("node1", "node2", "node3", "node4"), hosts(sink.delivered));
            assertEquals(4, d.metrics().produced());
            assertEquals(3, d.metrics().spooled());
            assertTrue(sink.delivered.stream().allMatch(r -> r.topic().equals("pxeflow.dhcp")));
            assertEquals("node1", sink.delivered.get(0).key(), "keyed by the node that owns the MAC");
        }
    }

    @Test
    void spoolAndPositionsSurviveARestart() throws Exception {
        FakeSink down = new FakeSink();
        try (BridgeDaemon d = new BridgeDaemon(config(), down, book(), new MutableClock())) {
            log(ack(1));
            log(ack(2));
            d.runOnce();
            assertEquals(2, d.spooled());
        }
        log(ack(3));
        FakeSink up = new FakeSink();
        up.up = true;
        try (BridgeDaemon d = new BridgeDaemon(config(), up, book(), new MutableClock())) {
            d.runOnce();
            assertEquals(List.of("node1", "node2", "node3"), hosts(up.delivered), "no line lost, none repeated");
        }
    }

    @Test
    void hookFilesAreDrainedInOrderAndUnparseableLinesAreCountedNotFatal() throws Exception {
        FakeSink sink = new FakeSink();
        sink.up = true;
        try (BridgeDaemon d = new BridgeDaemon(config(), sink, book(), new MutableClock())) {
            Path in = config().incomingDir();
            Files.write(in.resolve("2000-5.hook"), hook("tftp", "14", "10.99.0.150", "/srv/tftp/pxelinux.cfg/01-52-54-00-12-34-56"));
            Files.write(in.resolve("1000-7.hook"), hook("add", "52:54:00:12:34:56", "10.99.0.150", "node15"));
            Files.write(in.resolve("1500-1.hook"), "garbage".getBytes(StandardCharsets.UTF_8));
            Files.writeString(in.resolve(".tmp.abc"), "being written");
            log("Nov 23 09:17:22 dnsmasq-dhcp[1]: 9 DHCPACK(eth0) 10.99.0.5 bogus");
            log("Nov 23 09:17:22 dnsmasq-dhcp[1]: 9 DHCPACK(eth0) 10.99.0.5 bogus2");
            d.runOnce();
            assertEquals(List.of("pxeflow.dhcp", "pxeflow.pxe"), sink.delivered.stream().map(SpoolRecord::topic).toList());
            assertEquals("node15", sink.delivered.get(1).key());
            assertEquals(2, d.metrics().unparseableCount("dnsmasq-ack-hwaddr"));
            assertEquals(1, d.metrics().unparseableCount("hook-file"));
            try (var files = Files.list(in)) {
                assertEquals(List.of(".tmp.abc"), files.map(p -> p.getFileName().toString()).toList());
            }
        }
    }

    @Test
    void anEventOfAClientNoNodeOwns_isHeldForTheGrace_thenSentKeyedByTheClient_andSurvivesARestart() throws Exception {
        FakeSink sink = new FakeSink();
        sink.up = true;
        MutableClock clock = new MutableClock();
        MapAddressBook book = book();
        String unknown = "Nov 23 09:17:22 dnsmasq-dhcp[1]: 7 DHCPDISCOVER(eth0) 52:54:00:aa:bb:cc ";
        try (BridgeDaemon d = new BridgeDaemon(config(), sink, book, clock)) {
            log(unknown);
            log(ack(1));
            d.runOnce();
            assertEquals(List.of("node1"), sink.delivered.stream().map(SpoolRecord::key).toList(),
                "a known client's event does not wait behind another client's");
            assertEquals(1, d.held());
        }
        try (BridgeDaemon d = new BridgeDaemon(config(), sink, book, clock)) {
            assertEquals(1, d.held(), "the held event was kept on disk");
            clock.now = clock.now.plusMillis(4_999);
            d.runOnce();
            assertEquals(1, d.held());
            clock.now = clock.now.plusMillis(1);
            d.runOnce();
            assertEquals(0, d.held());
            assertEquals(List.of("node1", "mac/52:54:00:aa:bb:cc"), sink.delivered.stream().map(SpoolRecord::key).toList());
        }
    }

    @Test
    void aNodeAddedAMomentAgo_getsItsHeldEvents_inOrder_onceTheAddressBookKnowsIt() throws Exception {
        FakeSink sink = new FakeSink();
        sink.up = true;
        MutableClock clock = new MutableClock();
        MapAddressBook book = book();
        try (BridgeDaemon d = new BridgeDaemon(config(), sink, book, clock)) {
            log("Nov 23 09:17:22 dnsmasq-dhcp[1]: 7 DHCPDISCOVER(eth0) 52:54:00:aa:bb:cc ");
            log("Nov 23 09:17:22 dnsmasq-dhcp[1]: 7 DHCPACK(eth0) 10.99.0.7 52:54:00:aa:bb:cc new1");
            d.runOnce();
            assertEquals(2, d.held());
            book.with("mac/52:54:00:aa:bb:cc", "new1");
            clock.now = clock.now.plusMillis(300);
            d.runOnce();
            assertEquals(List.of("new1", "new1"), sink.delivered.stream().map(SpoolRecord::key).toList());
            assertEquals(java.util.Arrays.asList(null, "new1"), hosts(sink.delivered), "in the order they happened");
        }
    }

    @Test
    void untilTheAddressBookIsComplete_nothingIsDiscovered() throws Exception {
        FakeSink sink = new FakeSink();
        sink.up = true;
        MutableClock clock = new MutableClock();
        MapAddressBook book = book();
        book.complete = false;
        try (BridgeDaemon d = new BridgeDaemon(config(), sink, book, clock)) {
            log(ack(1));
            d.runOnce();
            clock.now = clock.now.plusSeconds(60);
            d.runOnce();
            assertEquals(List.of(), sink.delivered, "a book still replaying cannot say who owns a client");
            book.complete = true;
            d.runOnce();
            assertEquals(List.of("node1"), sink.delivered.stream().map(SpoolRecord::key).toList());
        }
    }

    static byte[] hook(String... args) {
        StringBuilder sb = new StringBuilder("pxeflow-hook 1\ntime:1795425442455361563\n");
        for (String a : args) {
            sb.append("arg:").append(a.getBytes(StandardCharsets.UTF_8).length).append(':').append(a).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void configDefaultsAndValidation() {
        BridgeConfig c = BridgeConfig.defaults();
        assertEquals("localhost:9092", c.bootstrap());
        assertEquals(Path.of("/var/spool/pxeflow/incoming"), c.incomingDir());
        assertEquals(Duration.ofSeconds(2), c.tftpdWindow());
        assertEquals(List.of("/srv/tftp", "/var/lib/tftpboot", "/tftpboot"), c.tftpRoots());
        assertThrowsMessage("unknown bridge setting", () -> BridgeConfig.fromMap(Map.of("bootstarp", "x")));
        assertThrowsMessage("spool-max-events: not a number", () -> BridgeConfig.fromMap(Map.of("spool-max-events", "lots")));
    }

    private static void assertThrowsMessage(String part, Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
            return;
        }
        throw new AssertionError("expected an IllegalArgumentException containing " + part);
    }
}
