package io.pxeflow.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.codec.NodeReports;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.NodeReport;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.testkit.KafkaTestClients;
import io.pxeflow.testkit.TestKafka;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The reporter in this JVM against a real in-process KRaft broker, including a 30 s outage. */
class ReporterIT {
    private static final Logger LOG = LoggerFactory.getLogger(ReporterIT.class);
    private static final String NODE = "it-node";

    @Test
    void heartbeatsArriveSurviveA30SecondOutageWithFlatMemoryAndResumeAtOnce(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Topics topics = new Topics("it.");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(port).partitions(1).build()) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            KafkaTestClients.createTopics(bootstrap, 1, List.of(topics.heartbeats()));
            ReporterConfig config = ReporterConfig.fromMap(Map.of("bootstrap", bootstrap, "interval", "1",
                "topic.prefix", "it.", "node", NODE));
            assertTrue(ProducerChoice.decide(config).lean(), "plain settings use the built-in producer");

            try (HeartbeatLoop loop = HeartbeatLoop.start(config, NODE)) {
                // 1. Heartbeats arrive, keyed by node, decodable, one a second.
                List<Heartbeat> first = heartbeats(bootstrap, topics, 3, Duration.ofSeconds(30));
                assertTrue(first.size() >= 3, "three heartbeats within 30 s, got " + first.size());
                Heartbeat hb = first.get(first.size() - 1);
                assertEquals(NODE, hb.node());
                assertEquals(1, hb.intervalSeconds());
                assertTrue(hb.memTotalBytes() > 0 && hb.cpuCount() > 0 && !hb.filesystems().isEmpty(), hb.toString());

                // 2. The broker goes away for 30 s: the reporter keeps sampling, holds at most its
                //    buffer, and its heap does not grow.
                broker.stop();
                long seqAtStop = loop.stats().sampled();
                Thread.sleep(3_000);
                long heapEarly = usedHeapAfterGc();
                HeartbeatLoop.Stats early = loop.stats();
                Thread.sleep(27_000);
                long heapLate = usedHeapAfterGc();
                HeartbeatLoop.Stats late = loop.stats();
                LOG.info("outage: heap after GC {} KB -> {} KB; stats {} -> {}", heapEarly / 1024, heapLate / 1024, early, late);
                assertTrue(late.sampled() - seqAtStop >= 25, "kept sampling once a second: " + late);
                assertTrue(late.buffered() <= config.bufferSamples() && late.inFlight() <= HeartbeatLoop.MAX_IN_FLIGHT, late.toString());
                assertTrue(late.dropped() > early.dropped(), "older samples were dropped, not kept: " + late);
                assertTrue(heapLate - heapEarly < 2 * 1024 * 1024,
                    "heap grew by " + (heapLate - heapEarly) / 1024 + " KB during the outage");

                // 3. The broker comes back on the same port and data: heartbeats resume within seconds.
                long newestBeforeRestart = loop.stats().sampled();
                long t0 = System.nanoTime();
                broker.start();
                long restartedMs = (System.nanoTime() - t0) / 1_000_000;
                long t1 = System.nanoTime();
                List<Heartbeat> after = heartbeats(bootstrap, topics, Long.MAX_VALUE, Duration.ofSeconds(15),
                    newestBeforeRestart);
                long resumeMs = (System.nanoTime() - t1) / 1_000_000;
                LOG.info("broker restart took {} ms; heartbeat seq >= {} seen {} ms after it was ready", restartedMs,
                    newestBeforeRestart, resumeMs);
                assertFalse(after.isEmpty(), "heartbeats resumed after the broker came back");
                assertTrue(resumeMs < 10_000, "resumed within " + resumeMs + " ms");
                assertEquals(1, after.stream().map(Heartbeat::bootId).distinct().count());
            }
        }
    }

    @Test
    void theJavaClientStillCarriesHeartbeatsWhenASettingNeedsIt() {
        String bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaTestClients.createTopics(bootstrap, 3, List.of(topics.heartbeats()));
        // linger.ms is a setting the built-in producer does not have: auto picks the Java client.
        ReporterConfig config = ReporterConfig.fromMap(Map.of("bootstrap", bootstrap, "interval", "1",
            "topic.prefix", prefix, "node", "javanode", "kafka.linger.ms", "1"));
        assertFalse(ProducerChoice.decide(config).lean());
        try (HeartbeatLoop loop = HeartbeatLoop.start(config, "javanode")) {
            List<Heartbeat> got = heartbeats(bootstrap, topics, 2, Duration.ofSeconds(30));
            assertTrue(got.size() >= 2, "two heartbeats through the Java client, got " + got.size());
            assertEquals("javanode", got.get(0).node());
            assertTrue(loop.stats().sent() >= 2, loop.stats().toString());
        }
    }

    @Test
    void installCompleteIsAcknowledgedAndReachesTheNodesOwnInput_notTheCommandsTopic() throws IOException {
        String bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaTestClients.createTopics(bootstrap, 3, List.of(topics.heartbeats(), topics.commands()));
        int code = new CommandLine(new ReporterCommand()).execute("--install-complete", "--bootstrap", bootstrap,
            "--node", "node15", "--topic-prefix", prefix, "--config", "/dev/null");
        assertEquals(0, code);
        List<ConsumerRecord<String, byte[]>> got = KafkaTestClients.readUntil(bootstrap, topics.heartbeats(),
            Duration.ofSeconds(30), r -> !r.isEmpty());
        assertEquals("node15", got.get(0).key());
        NodeReport report = ((Decoded.Ok<NodeReport>) NodeReports.DECODER.decode(got.get(0).value())).value();
        InstallReport ir = (InstallReport) report;
        assertEquals("node15", ir.node());
        assertEquals(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/random/boot_id")).strip(),
            ir.bootId(), "the boot it was sent from");
        assertEquals(List.of(), KafkaTestClients.readUntil(bootstrap, topics.commands(), Duration.ofSeconds(2), r -> false),
            "nothing on commands: a reporter never writes it");
    }

    @Test
    void installCompleteExitsOneWhenNoBrokerAcknowledges() throws IOException {
        int port = freePort();
        long t0 = System.nanoTime();
        int code = new CommandLine(new ReporterCommand()).execute("--install-complete", "--bootstrap",
            "127.0.0.1:" + port, "--node", "node15", "--ack-timeout", "2", "--config", "/dev/null");
        assertEquals(1, code);
        assertTrue(System.nanoTime() - t0 < 15_000_000_000L, "gave up near its timeout");
    }

    private static List<Heartbeat> heartbeats(String bootstrap, Topics topics, int atLeast, Duration timeout) {
        return heartbeats(bootstrap, topics, atLeast, timeout, 0);
    }

    /** Heartbeats on the topic with seq >= minSeq, read until {@code atLeast} are seen (or one, when minSeq > 0). */
    private static List<Heartbeat> heartbeats(String bootstrap, Topics topics, long atLeast, Duration timeout, long minSeq) {
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClients.readUntil(bootstrap, topics.heartbeats(), timeout,
            r -> decodeAll(r).stream().filter(h -> h.seq() >= minSeq).count() >= Math.min(atLeast, minSeq > 0 ? 1 : atLeast));
        return decodeAll(records).stream().filter(h -> h.seq() >= minSeq).toList();
    }

    private static List<Heartbeat> decodeAll(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> Codec.HEARTBEAT.decode(r.value()))
            .filter(d -> d instanceof Decoded.Ok<Heartbeat>)
            .map(d -> ((Decoded.Ok<Heartbeat>) d).value())
            .toList();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
