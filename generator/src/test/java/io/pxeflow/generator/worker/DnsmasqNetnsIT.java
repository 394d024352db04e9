package io.pxeflow.generator.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pxeflow.generator.Fixtures;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.NodeBootConfig;
import io.pxeflow.testkit.KafkaTestClients;
import io.pxeflow.testkit.TestKafka;
import io.pxeflow.testkit.netns.DnsmasqServer;
import io.pxeflow.testkit.netns.NetnsPair;
import io.pxeflow.testkit.netns.PxeClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's dnsmasq and PXELINUX output served by a real dnsmasq to a real DHCP/TFTP
 * client: dnsmasq in one network namespace reads the generated snippet, hostsdir and TFTP tree;
 * busybox udhcpc, with a BIOS PXE ROM's vendor class and the node's MAC, runs in another. Skips
 * with the reason where namespaces cannot be made; runs as root (CI).
 */
class DnsmasqNetnsIT {
    private static final String HEAD = "10.54.0.1";
    private static final String NODE15_MAC = "00:a0:d1:e5:c4:6e";
    private static final String NODE15_CONFIG = "pxelinux.cfg/01-00-a0-d1-e5-c4-6e";
    private static final Duration DHCP_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aPxeClientGetsItsGeneratedAddressAndConfigAndTheLocalBootConfigAfterTheStageFlips() throws Exception {
        try (NetnsPair net = NetnsPair.create(NetnsPair.End.addressed(HEAD + "/16"), NetnsPair.End.unaddressed(NODE15_MAC))) {
            // dnsmasq drops to an unprivileged user: the tree it serves must be reachable by it, as
            // /var/lib/pxeflow is on a head node (JUnit's temp dir is 0700).
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            String bootstrap = TestKafka.bootstrapServers();
            Topics topics = new Topics(TestKafka.uniquePrefix());
            KafkaTestClients.createTopics(bootstrap, 3, List.of(topics.config(), topics.configStatus(), topics.inventory()));
            Path out = dir.resolve("out");
            Map<String, String> m = Fixtures.workerSettingsMap(out, topics, "netns-");
            GeneratorSettings settings = GeneratorSettings.fromMap(m);

            List<ConfigRecord> cluster = new ArrayList<>(List.of(Fixtures.diskless(), Fixtures.installOnce(BootStage.PXE),
                Fixtures.local()));
            cluster.addAll(Fixtures.hosts());
            try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(bootstrap);
                 GeneratorWorker worker = new GeneratorWorker(bootstrap, settings, new SimpleMeterRegistry()).start()) {
                for (ConfigRecord r : cluster) {
                    producer.send(new ProducerRecord<>(topics.config(), r.key(), Codec.CONFIG.encode(r))).get();
                }
                assertTrue(worker.awaitCaughtUp(Duration.ofSeconds(60)), "the worker replays the topic");
                StatusReports.awaitApplied(bootstrap, topics, "node15", 1);

                try (DnsmasqServer dnsmasq = DnsmasqServer.start(net.a(), dir.resolve("dnsmasq"),
                        out.resolve("dnsmasq/pxeflow.conf"), "--log-dhcp")) {
                    PxeClient client = new PxeClient(net.b(), dir.resolve("client"));
                    PxeClient.Lease lease = client.dhcp(DHCP_TIMEOUT);
                    String log = dnsmasq.logText();
                    assertEquals("10.54.0.25", lease.ip(), "node15's generated fixed address\n" + log);
                    assertEquals("node15", lease.hostname());
                    assertEquals("pxelinux.0", lease.bootFile(), "a BIOS PXE client is sent to PXELINUX");
                    assertEquals(HEAD, lease.nextServer());
                    assertTrue(log.contains("tags: pxeflow-10-54-0-0-16, pxeflow-node, known"), log);

                    String installer = client.fetch(HEAD, NODE15_CONFIG);
                    assertEquals(Files.readString(out.resolve("tftpboot/" + NODE15_CONFIG)), installer);
                    assertTrue(installer.contains("KERNEL ") && installer.contains("pxeflow.node=node15"), installer);
                    assertFalse(installer.contains("LOCALBOOT"), installer);
                    assertTrue(client.fetch(HEAD, "pxelinux.cfg/0A360019").contains("KERNEL "),
                        "the hex-IP name PXELINUX tries next holds the same config");

                    // The stage flips to local: the worker rewrites the file and the same fetch says "boot next".
                    producer.send(new ProducerRecord<>(topics.config(), "node15",
                        Codec.CONFIG.encode(Fixtures.installOnce(BootStage.LOCAL)))).get();
                    StatusReports.awaitApplied(bootstrap, topics, "node15", 2);
                    String local = client.fetch(HEAD, NODE15_CONFIG);
                    assertTrue(local.contains("LOCALBOOT 0"), local);
                    assertFalse(local.contains("KERNEL "), local);

                    // A node added while dnsmasq runs is served from the hostsdir without a reload.
                    NodeBootConfig node16 = Fixtures.node("node16", 16, "10.54.0.26", Fixtures.DISKLESS, BootSequence.PXE,
                        BootStage.PXE, 1, "00:a0:d1:e5:c4:70");
                    producer.send(new ProducerRecord<>(topics.config(), node16.key(), Codec.CONFIG.encode(node16))).get();
                    StatusReports.awaitApplied(bootstrap, topics, "node16", 1);
                    dnsmasq.awaitLog(l -> l.contains("hosts.d/node16"), Duration.ofSeconds(10));
                    net.b().exec(Duration.ofSeconds(5), "ip", "addr", "flush", "dev", NetnsPair.IFACE).orFail();
                    net.b().exec(Duration.ofSeconds(5), "ip", "link", "set", NetnsPair.IFACE, "address", "00:a0:d1:e5:c4:70")
                        .orFail();
                    PxeClient.Lease lease16 = client.dhcp(DHCP_TIMEOUT);
                    assertEquals("10.54.0.26", lease16.ip(), dnsmasq.logText());
                    assertTrue(client.fetch(HEAD, "pxelinux.cfg/01-00-a0-d1-e5-c4-70").contains("pxeflow.node=node16"));
                }
            }
        }
    }
}
