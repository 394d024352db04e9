package io.pxeflow.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.testkit.KafkaTestClients;
import io.pxeflow.testkit.TestKafka;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge against a real broker: lines and hook calls become events; an outage spools and catches up in order. */
class BridgeIT {
    @TempDir
    Path dir;

    private Map<String, String> settings(String bootstrap, String prefix) {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap", bootstrap);
        m.put("topic-prefix", prefix);
        m.put("spool", dir.resolve("spool").toString());
        m.put("dnsmasq-log", dir.resolve("dnsmasq.log").toString());
        m.put("tftpd-log", dir.resolve("tftpd.log").toString());
        m.put("server", "head1");
        m.put("zone", "UTC");
        m.put("poll-ms", "50");
        m.put("tftpd-window-ms", "300");
        m.put("kafka-timeout-ms", "1500");
        m.put("kafka-retry-max-ms", "1000");
        m.put("tftp-roots", "/srv/tftp");
        m.put("discovery-grace-ms", "1000");
        return m;
    }

    /** The topics, and the addresses the controller would have published for node15 and node16. */
    private Topics topics() {
        Topics t = new Topics(TestKafka.uniquePrefix());
        KafkaTestClients.createTopics(TestKafka.bootstrapServers(), 3, List.of(t.dhcp(), t.pxe(), t.addresses()));
        KafkaTestClients.send(TestKafka.bootstrapServers(), t.addresses(), "mac/52:54:00:12:34:56",
            "node15".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        KafkaTestClients.send(TestKafka.bootstrapServers(), t.addresses(), "mac/52:54:00:12:34:57",
            "node16".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return t;
    }

    private void append(String file, String line) throws Exception {
        Files.writeString(dir.resolve(file), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void runHook(String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add("/bin/sh");
        pb.command().add(Path.of("bin/pxeflow-dnsmasq-hook").toAbsolutePath().toString());
        pb.command().addAll(List.of(args));
        pb.environment().put("PXEFLOW_SPOOL", dir.resolve("spool").toString());
        pb.environment().put("DNSMASQ_VENDOR_CLASS", "PXEClient:Arch:00007:UNDI:003016");
        pb.environment().put("DNSMASQ_INTERFACE", "eth0");
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
    }

    private static List<DhcpEvent> dhcp(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> ((Decoded.Ok<DhcpEvent>) Codec.DHCP.decode(r.value())).value()).toList();
    }

    private static List<PxeEvent> pxe(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> ((Decoded.Ok<PxeEvent>) Codec.PXE.decode(r.value())).value()).toList();
    }

    @Test
    void linesAndHookCallsBecomeEventsOnTheTopics() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        Topics t = topics();
        // Create the files first: the daemon starts at their end, like in production.
        append("dnsmasq.log", "Nov 23 09:17:16 dnsmasq[8195]: started, version 2.90 DNS disabled");
        append("tftpd.log", "Nov 23 09:18:28 head1 syslogd started");
        try (BridgeDaemon d = new BridgeDaemon(BridgeConfig.fromMap(settings(bootstrap, t.prefix()))).start()) {
            Thread.sleep(300);
            append("dnsmasq.log", "Nov 23 09:17:22 dnsmasq-dhcp[8195]: 2002801467 vendor class: PXEClient:Arch:00000:UNDI:002001");
            append("dnsmasq.log", "Nov 23 09:17:22 dnsmasq-dhcp[8195]: 2002801467 DHCPDISCOVER(vpxs) 52:54:00:12:34:56 ");
            append("dnsmasq.log", "Nov 23 09:17:22 dnsmasq-dhcp[8195]: 2002801467 DHCPACK(vpxs) 10.99.0.150 52:54:00:12:34:56 node15");
            append("dnsmasq.log", "Nov 23 09:17:28 dnsmasq-tftp[8195]: sent /srv/tftp/pxelinux.cfg/01-52-54-00-12-34-56 to 10.99.0.150");
            append("tftpd.log", "Nov 23 09:18:33 in.tftpd[9159]: RRQ from 10.99.0.151 filename nothere.efi");
            append("tftpd.log", "Nov 23 09:18:33 in.tftpd[9159]: sending NAK (1, File not found) to 10.99.0.151");
            append("dnsmasq.log", "Nov 23 09:17:22 dnsmasq-dhcp[8195]: 1 DHCPACK(vpxs) 10.99.0.150 broken");
            runHook("add", "52:54:00:12:34:57", "10.99.0.152", "node16");

            List<ConsumerRecord<String, byte[]>> dhcpRecords = KafkaTestClients.readUntil(bootstrap, t.dhcp(),
                Duration.ofSeconds(30), seen -> seen.size() >= 3);
            List<ConsumerRecord<String, byte[]>> pxeRecords = KafkaTestClients.readUntil(bootstrap, t.pxe(),
                Duration.ofSeconds(30), seen -> seen.size() >= 2);
            List<DhcpEvent> dhcp = dhcp(dhcpRecords);
            List<PxeEvent> pxe = pxe(pxeRecords);
            // Keyed by the node that owns the client, as the addresses topic says; an unknown client by itself.
            assertEquals(java.util.Set.of("node15", "node16"),
                dhcpRecords.stream().map(ConsumerRecord::key).collect(java.util.stream.Collectors.toSet()));
            assertEquals(java.util.Set.of("node15", "ip/10.99.0.151"),
                pxeRecords.stream().map(ConsumerRecord::key).collect(java.util.stream.Collectors.toSet()));

            DhcpEvent discover = dhcp.stream().filter(e -> e.type() == DhcpMessageType.DISCOVER).findFirst().orElseThrow();
            assertEquals(0, discover.arch());
            assertEquals("head1", discover.server());
            assertTrue(dhcp.stream().anyMatch(e -> e.type() == DhcpMessageType.ACK && "node15".equals(e.hostname())));
            DhcpEvent hook = dhcp.stream().filter(e -> e.type() == DhcpMessageType.LEASE_ADD).findFirst().orElseThrow();
            assertEquals("node16", hook.hostname());
            assertEquals(7, hook.arch());
            assertEquals("eth0", hook.iface());
            assertTrue(pxe.stream().anyMatch(e -> e.outcome() == PxeOutcome.SENT
                && "pxelinux.cfg/01-52-54-00-12-34-56".equals(e.path()) && e.mac() != null));
            assertTrue(pxe.stream().anyMatch(e -> e.outcome() == PxeOutcome.NOT_FOUND && "nothere.efi".equals(e.path())));
            assertEquals(1, d.metrics().unparseableCount("dnsmasq-ack-hwaddr"));
            assertEquals(0, d.spooled());
        }
    }

    @Test
    void withKafkaUnreachableEventsSpoolAndAreDeliveredInOrderAfterARestartWithTheRightBootstrap() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Topics t = topics();
        append("dnsmasq.log", "Nov 23 09:17:16 dnsmasq[8195]: started, version 2.90 DNS disabled");
        try (BridgeDaemon down = new BridgeDaemon(BridgeConfig.fromMap(settings("127.0.0.1:" + closedPort, t.prefix())))
                .start()) {
            Thread.sleep(300);
            for (int i = 1; i <= 5; i++) {
                append("dnsmasq.log", "Nov 23 09:17:2" + i + " dnsmasq-dhcp[8195]: " + i
                    + " DHCPACK(vpxs) 10.99.0.15" + i + " 52:54:00:12:34:56 boot" + i);
            }
            runHook("old", "52:54:00:12:34:56", "10.99.0.150", "boot6");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (down.spooled() + down.held() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            // Without Kafka the address book cannot be read either: the events wait, on disk, for it.
            assertEquals(6, down.spooled() + down.held(), "every event is on disk");
            assertEquals(0, down.metrics().produced());
        }
        try (BridgeDaemon up = new BridgeDaemon(
                BridgeConfig.fromMap(settings(TestKafka.bootstrapServers(), t.prefix()))).start()) {
            List<DhcpEvent> dhcp = dhcp(KafkaTestClients.readUntil(TestKafka.bootstrapServers(), t.dhcp(),
                Duration.ofSeconds(30), seen -> seen.size() >= 6));
            assertEquals(List.of("boot1", "boot2", "boot3", "boot4", "boot5", "boot6"),
                dhcp.stream().map(DhcpEvent::hostname).toList(), "same key, same partition: exactly the original order");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (up.spooled() + up.held() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, up.spooled() + up.held());
        }
    }
}
