package io.pxeflow.generator.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pxeflow.generator.Fixtures;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.inventory.HostInterfaces;
import io.pxeflow.inventory.ScyldConfigParser;
import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.DeadLetter;
import io.pxeflow.protocol.message.NodeBootConfig;
import io.pxeflow.testkit.KafkaTestClients;
import io.pxeflow.testkit.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker reads the compacted inventory topic as well as config: the DHCP files serve the
 * inventory's subnets with no network setting at all; a setting that contradicts them stops the
 * worker at start; a later inventory that contradicts them is refused and dead-lettered.
 */
class GeneratorNetworkIT {
    private static final String TWO_SUBNETS = """
        master 10.78.0.1
        netmask 255.255.255.0
        subnet 172.20.4.0/22 router 172.20.4.1 next-server 10.78.0.1
        """;

    @TempDir
    Path dir;

    private Topics topics;
    private String bootstrap;

    private GeneratorSettings settings(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("generator.id", "net-" + topics.prefix().replace(".", ""));
        m.put("topic.prefix", topics.prefix());
        m.put("output.dir", dir.resolve("out").toString());
        m.putAll(extra);
        return GeneratorSettings.fromMap(m);
    }

    private GeneratorWorker worker(GeneratorSettings settings) {
        return new GeneratorWorker(KafkaConnection.plain(bootstrap), settings, new SimpleMeterRegistry(),
            Clock.systemUTC(), HostInterfaces.NONE);
    }

    private void setUp(int partitions) {
        bootstrap = TestKafka.bootstrapServers();
        topics = new Topics(TestKafka.uniquePrefix());
        KafkaTestClients.createTopics(bootstrap, partitions, List.of(topics.config(), topics.configStatus(),
            topics.inventory(), topics.deadletter()));
    }

    private static ClusterInventory inventory(String text) {
        return ScyldConfigParser.parse("cluster.conf", text).cluster();
    }

    private static NodeBootConfig node(String name, int index, String ip, String mac) {
        return new NodeBootConfig(name, index, List.of(MacAddress.of(mac)), Ipv4Address.parse(ip), BootSequence.PXE_LOCAL,
            BootStage.PXE, Fixtures.INSTALLER, false, 1, Fixtures.T0);
    }

    private void publish(KafkaProducer<String, byte[]> p, ClusterInventory inv) throws Exception {
        p.send(new ProducerRecord<>(topics.inventory(), ClusterInventory.KEY, Codec.INVENTORY.encode(inv))).get();
    }

    private void publish(KafkaProducer<String, byte[]> p, ConfigRecord r) throws Exception {
        p.send(new ProducerRecord<>(topics.config(), r.key(), Codec.CONFIG.encode(r))).get();
    }

    @Test
    void theInventorysSubnetsAreServedWithoutAnySetting_aNewOneIsFollowed_andARestartConverges() throws Exception {
        setUp(3);
        GeneratorSettings settings = settings(Map.of());
        Path dhcpd = dir.resolve("out/dhcpd.conf");
        try (KafkaProducer<String, byte[]> p = KafkaTestClients.producer(bootstrap)) {
            publish(p, node("c0", 0, "10.78.0.10", "52:54:00:78:00:10"));
            publish(p, node("r2n1", 40, "172.20.4.10", "52:54:00:20:04:10"));
            publish(p, inventory(TWO_SUBNETS));
            try (GeneratorWorker w = worker(settings).start()) {
                assertTrue(w.awaitCaughtUp(Duration.ofSeconds(60)));
                String text = Files.readString(dhcpd);
                assertTrue(text.contains("subnet 10.78.0.0 netmask 255.255.255.0 {") && text.contains("host c0 ")
                    && text.contains("subnet 172.20.4.0 netmask 255.255.252.0 {") && text.contains("host r2n1 ")
                    && text.contains("option routers 172.20.4.1;"), text);

                publish(p, inventory(TWO_SUBNETS.replace("router 172.20.4.1", "router 172.20.4.254")));
                OutputFiles.await(() -> OutputFiles.read(dhcpd).contains("option routers 172.20.4.254;"));
                assertFalse(OutputFiles.read(dhcpd).contains("option routers 172.20.4.1;"));
            }
            Map<String, FileTime> before = OutputFiles.mtimes(dir.resolve("out"));
            try (GeneratorWorker again = worker(settings).start()) {
                assertTrue(again.awaitCaughtUp(Duration.ofSeconds(60)));
                assertEquals(before, OutputFiles.mtimes(dir.resolve("out")), "a restart rewrites nothing");
                assertTrue(OutputFiles.read(dhcpd).contains("option routers 172.20.4.254;"));
            }
        }
    }

    @Test
    void aSettingThatContradictsTheInventoryStopsTheWorkerAtStart_writingNoSharedFile() throws Exception {
        setUp(1);
        try (KafkaProducer<String, byte[]> p = KafkaTestClients.producer(bootstrap)) {
            publish(p, inventory(TWO_SUBNETS));
            publish(p, node("c0", 0, "10.78.0.10", "52:54:00:78:00:10"));
            try (GeneratorWorker w = worker(settings(Map.of("head.address", "10.54.0.1"))).start()) {
                OutputFiles.await(() -> !w.alive());
                assertTrue(w.failure().orElseThrow().contains("head.address 10.54.0.1 (a generator setting) lies in no "
                    + "subnet of the inventory (10.78.0.0/24, 172.20.4.0/22)"), w.failure().orElseThrow());
                assertFalse(w.ready());
                assertFalse(Files.exists(dir.resolve("out/dhcpd.conf")), "no DHCP file for a network it cannot serve");
            }
        }
    }

    @Test
    void aLaterInventoryThatContradictsASettingIsRefusedAndDeadLettered_theFilesKeepTheirNetwork() throws Exception {
        setUp(1);
        Path dhcpd = dir.resolve("out/dhcpd.conf");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KafkaProducer<String, byte[]> p = KafkaTestClients.producer(bootstrap)) {
            publish(p, inventory(TWO_SUBNETS));
            try (GeneratorWorker w = new GeneratorWorker(KafkaConnection.plain(bootstrap),
                    settings(Map.of("head.address", "10.78.0.1")), registry, Clock.systemUTC(), HostInterfaces.NONE).start()) {
                assertTrue(w.awaitCaughtUp(Duration.ofSeconds(60)));
                String served = OutputFiles.read(dhcpd);
                assertTrue(served.contains("subnet 10.78.0.0 netmask 255.255.255.0 {"), served);

                long offset = p.send(new ProducerRecord<>(topics.inventory(), ClusterInventory.KEY,
                    Codec.INVENTORY.encode(inventory("master 10.90.0.1\nnetmask 255.255.255.0\n")))).get().offset();
                List<DeadLetter> letters = KafkaTestClients.readUntil(bootstrap, topics.deadletter(), Duration.ofSeconds(30),
                    rs -> !rs.isEmpty()).stream().map(r -> ((Decoded.Ok<DeadLetter>) Codec.DEAD_LETTER.decode(r.value())).value())
                    .toList();
                assertEquals(1, letters.size(), letters.toString());
                DeadLetter dl = letters.get(0);
                assertEquals(topics.inventory(), dl.topic());
                assertEquals(offset, dl.offset());
                assertTrue(dl.reason().contains("head.address 10.78.0.1 (a generator setting) lies in no subnet of the "
                    + "inventory (10.90.0.0/24)"), dl.reason());
                assertTrue(dl.payload().contains("10.90.0.0/24"), dl.payload());
                assertEquals(1.0, registry.get("pxeflow.generator.network.refused").gauge().value());
                assertTrue(w.alive());
                assertEquals(served, OutputFiles.read(dhcpd), "the files keep serving the network they served");
            }
        }
    }
}
