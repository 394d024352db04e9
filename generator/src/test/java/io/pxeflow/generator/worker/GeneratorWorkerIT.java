package io.pxeflow.generator.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pxeflow.generator.Fixtures;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.DeadLetter;
import io.pxeflow.testkit.KafkaTestClients;
import io.pxeflow.testkit.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generator worker against a real broker: render, acknowledge, change one node, remove one, restart. */
class GeneratorWorkerIT {
    @TempDir
    Path dir;

    @Test
    void rendersAcknowledgesAppliesOneNodeChangesAndConvergesAfterARestart() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        Topics topics = new Topics(TestKafka.uniquePrefix());
        KafkaTestClients.createTopics(bootstrap, 3, List.of(topics.config(), topics.configStatus(), topics.inventory()));
        Path out = dir.resolve("out");
        Path reloads = dir.resolve("reloads");
        Map<String, String> m = Fixtures.workerSettingsMap(out, topics, "it-");
        m.put("reload.dhcpd", "sh -c 'echo reload >> " + reloads + "'");
        m.put("reload.debounce.ms", "200");
        GeneratorSettings settings = GeneratorSettings.fromMap(m);

        List<ConfigRecord> cluster = new ArrayList<>(List.of(Fixtures.diskless(), Fixtures.installOnce(BootStage.PXE),
            Fixtures.local()));
        cluster.addAll(Fixtures.hosts());
        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(bootstrap)) {
            for (ConfigRecord r : cluster) {
                producer.send(new ProducerRecord<>(topics.config(), r.key(), Codec.CONFIG.encode(r))).get();
            }

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (GeneratorWorker worker = new GeneratorWorker(bootstrap, settings, registry).start()) {
                assertTrue(worker.awaitCaughtUp(Duration.ofSeconds(60)), "the worker replays the topic");
                StatusReports.awaitApplied(bootstrap, topics, "node3", 1);
                StatusReports.awaitApplied(bootstrap, topics, "node15", 1);
                StatusReports.awaitApplied(bootstrap, topics, "node4", 1);
                assertTrue(Files.readString(out.resolve("dhcpd.conf")).contains("node15_2"));
                assertTrue(Files.readString(out.resolve("tftpboot/pxelinux.cfg/0A360019")).contains("KERNEL"));
                assertEquals(1, Files.readAllLines(reloads).size(), "one reload for the whole initial burst");

                // One node's stage flips: only its boot files and cluster.conf change.
                Map<String, String> before = OutputFiles.contents(out);
                producer.send(new ProducerRecord<>(topics.config(), "node15",
                    Codec.CONFIG.encode(Fixtures.installOnce(BootStage.LOCAL)))).get();
                StatusReports.awaitApplied(bootstrap, topics, "node15", 2);
                Map<String, String> after = OutputFiles.contents(out);
                List<String> changed = new ArrayList<>();
                after.forEach((path, text) -> {
                    if (!text.equals(before.get(path))) {
                        changed.add(path);
                    }
                });
                assertEquals(List.of("cluster.conf", "tftpboot/grub/grub.cfg-01-00-a0-d1-e5-c4-6e",
                    "tftpboot/grub/grub.cfg-01-00-a0-d1-e5-c4-6f", "tftpboot/ipxe/00-a0-d1-e5-c4-6e.ipxe",
                    "tftpboot/ipxe/00-a0-d1-e5-c4-6f.ipxe", "tftpboot/pxelinux.cfg/01-00-a0-d1-e5-c4-6e",
                    "tftpboot/pxelinux.cfg/01-00-a0-d1-e5-c4-6f", "tftpboot/pxelinux.cfg/0A360019"), changed);
                assertTrue(after.get("tftpboot/pxelinux.cfg/0A360019").contains("LOCALBOOT 0"));

                // A tombstone removes node3's files and archives its overlay.
                producer.send(new ProducerRecord<>(topics.config(), "node3", null)).get();
                OutputFiles.await(() -> !Files.exists(out.resolve("tftpboot/pxelinux.cfg/0A36000D")));
                OutputFiles.await(() -> !Files.exists(out.resolve("overlays/node3")));
                OutputFiles.await(() -> OutputFiles.contains(out.resolve("dhcpd.conf"), "node4") && !OutputFiles.contains(out.resolve("dhcpd.conf"), "node3"));
                try (Stream<Path> archived = Files.list(out.resolve("overlays/.archive"))) {
                    assertTrue(archived.anyMatch(p -> p.getFileName().toString().startsWith("node3-")));
                }
                assertTrue(registry.get("pxeflow.generator.files.written").counter().count() > 20);
            }

            // A restarted worker replays the topic and converges without rewriting anything.
            Map<String, FileTime> mtimes = OutputFiles.mtimes(out);
            try (GeneratorWorker again = new GeneratorWorker(bootstrap, settings, new SimpleMeterRegistry()).start()) {
                assertTrue(again.awaitCaughtUp(Duration.ofSeconds(60)));
                assertEquals(mtimes, OutputFiles.mtimes(out));
                assertFalse(Files.exists(out.resolve("dnsmasq/hosts.d/node3")));
            }
        }
    }

    /**
     * The output directory refuses a write (here a file where the pxelinux directory was, which
     * stops root too): the batch is kept, tried again with a growing pause, and lands once the
     * directory is back, along with what arrived meanwhile.
     */
    @Test
    void aBatchTheDiskRefusesIsTriedAgainUntilItLands_andNothingIsLost() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        Topics topics = new Topics(TestKafka.uniquePrefix());
        KafkaTestClients.createTopics(bootstrap, 2, List.of(topics.config(), topics.configStatus(), topics.inventory()));
        Path out = dir.resolve("out");
        GeneratorSettings settings = GeneratorSettings.fromMap(Fixtures.workerSettingsMap(out, topics, "it-disk-"));
        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(bootstrap)) {
            for (ConfigRecord r : List.of(Fixtures.diskless(), Fixtures.installOnce(BootStage.PXE), Fixtures.local())) {
                producer.send(new ProducerRecord<>(topics.config(), r.key(), Codec.CONFIG.encode(r))).get();
            }
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (GeneratorWorker worker = new GeneratorWorker(bootstrap, settings, registry).start()) {
                assertTrue(worker.awaitCaughtUp(Duration.ofSeconds(60)));
                Path pxelinux = out.resolve("tftpboot/pxelinux.cfg");
                Path aside = out.resolve("pxelinux.cfg.aside");
                Files.move(pxelinux, aside);
                Files.writeString(pxelinux, "in the way");

                producer.send(new ProducerRecord<>(topics.config(), "node15",
                    Codec.CONFIG.encode(Fixtures.installOnce(BootStage.LOCAL)))).get();
                OutputFiles.await(() -> registry.get("pxeflow.generator.write.failures").counter().count() >= 2);
                producer.send(new ProducerRecord<>(topics.config(), "node3", null)).get();
                assertTrue(worker.alive());
                assertTrue(worker.ready(), "Kafka still answers while the disk refuses");

                Files.delete(pxelinux);
                Files.move(aside, pxelinux);
                StatusReports.awaitApplied(bootstrap, topics, "node15", 2);
                OutputFiles.await(() -> !Files.exists(out.resolve("tftpboot/pxelinux.cfg/0A36000D")));
                assertTrue(OutputFiles.read(pxelinux.resolve("0A360019")).contains("LOCALBOOT 0"));
            }
        }
    }

    /**
     * A record nobody can render used to be reported on config-status only (and not at all when
     * its key names no node): each is now dead-lettered once, with its offset, even across a restart.
     */
    @Test
    void refusedConfigRecordsAreDeadLetteredOnceWithTheirOrigin() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        Topics topics = new Topics(TestKafka.uniquePrefix());
        KafkaTestClients.createTopics(bootstrap, 2, List.of(topics.config(), topics.configStatus(), topics.deadletter(), topics.inventory()));
        GeneratorSettings settings = GeneratorSettings.fromMap(Fixtures.workerSettingsMap(dir.resolve("out"), topics, "it-dl-"));
        ConfigRecord good = Fixtures.installOnce(BootStage.PXE);
        Map<Long, String> refusedOffsets = new TreeMap<>();
        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topics.config(), good.key(), Codec.CONFIG.encode(good))).get();
            String[][] hostile = {{"node15", "{\"v\":1,\"kind\":\"node\",\"node\":"}, {"host/x;y", "not json"},
                {null, "{\"v\":99}"}};
            for (String[] h : hostile) {
                long offset = producer.send(new ProducerRecord<>(topics.config(), 0, h[0],
                    h[1].getBytes(java.nio.charset.StandardCharsets.UTF_8))).get().offset();
                refusedOffsets.put(offset, h[0]);
            }
            long misKeyed = producer.send(new ProducerRecord<>(topics.config(), 0, "node16", Codec.CONFIG.encode(good)))
                .get().offset();
            refusedOffsets.put(misKeyed, "node16");

            try (GeneratorWorker worker = new GeneratorWorker(bootstrap, settings, new SimpleMeterRegistry()).start()) {
                assertTrue(worker.awaitCaughtUp(Duration.ofSeconds(60)));
                List<DeadLetter> letters = deadLetters(bootstrap, topics, refusedOffsets.size(), Duration.ofSeconds(30));
                Map<Long, String> seen = new TreeMap<>();
                for (DeadLetter d : letters) {
                    assertEquals(topics.config(), d.topic());
                    assertEquals(0, d.partition());
                    assertTrue(d.reason().endsWith("(refused by generator " + settings.generatorId() + ")"), d.reason());
                    seen.put(d.offset(), d.key());
                }
                assertEquals(refusedOffsets, seen);
                assertTrue(worker.alive());
            }
            // A restart replays the same records: they were dead-lettered already.
            try (GeneratorWorker again = new GeneratorWorker(bootstrap, settings, new SimpleMeterRegistry()).start()) {
                assertTrue(again.awaitCaughtUp(Duration.ofSeconds(60)));
                // Reading for a while and finding no fifth letter is the point here.
                assertEquals(refusedOffsets.size(),
                    deadLetters(bootstrap, topics, refusedOffsets.size() + 1, Duration.ofSeconds(3)).size());
            }
        }
    }

    private static List<DeadLetter> deadLetters(String bootstrap, Topics topics, int atLeast, Duration timeout) {
        return KafkaTestClients.readUntil(bootstrap, topics.deadletter(), timeout, r -> r.size() >= atLeast).stream()
            .map(r -> ((Decoded.Ok<DeadLetter>) Codec.DEAD_LETTER.decode(r.value())).value()).toList();
    }
}
