package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.controller.runtime.TopicInstaller;
import io.pxeflow.protocol.AccessPolicy;
import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.codec.Decoder;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.DeadLetter;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.StagePolicy;
import io.pxeflow.reporter.InstallComplete;
import io.pxeflow.reporter.ReporterConfig;
import io.pxeflow.testkit.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the broker of {@code pxeflow up --secure} (SASL_SSL, SCRAM, mTLS, the policy's
 * ACLs): every principal can do what its job needs and is refused the rest, and a refused write
 * leaves nothing behind. Issue #17: a compute node's credentials can no longer command the cluster,
 * and (issue #19) its install-complete report, on its heartbeat input, is taken by the controller
 * only for an install in progress on the node it names.
 */
class KafkaAclIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private Topics topics;

    @BeforeEach
    void topicsAndAcls() throws Exception {
        topics = new Topics(TestKafka.uniquePrefix());
        SecureKafka.grant(topics);
        // The controller creates the topics, as it does at every start: its CREATE grants at work.
        TopicInstaller.ensure(SecureKafka.as(AccessPolicy.CONTROLLER), topics, 3, (short) 1);
    }

    @Test
    void aReportersCredentialsWriteHeartbeatsAndNoCommand() throws Exception {
        KafkaConnection reporter = SecureKafka.as(AccessPolicy.REPORTER);
        send(reporter, topics.heartbeats(), "node7", "{}".getBytes());
        for (String topic : List.of(topics.commands(), topics.config(), topics.nodes(), topics.dhcp(), topics.pxe(),
                topics.inventory(), topics.events())) {
            ExecutionException e = assertThrows(ExecutionException.class,
                () -> send(reporter, topic, "node8", wipe("node8")), topic);
            assertInstanceOf(TopicAuthorizationException.class, e.getCause(), topic);
        }
        // Refused means nothing landed: the commands topic is as empty as before.
        assertEquals(0, count(SecureKafka.broker().adminConnection(), topics.commands()));
        assertEquals(1, count(SecureKafka.broker().adminConnection(), topics.heartbeats()));
    }

    @Test
    void aReporterReadsNothingSoItCannotLearnOtherNodesBootIds() throws Exception {
        send(SecureKafka.as(AccessPolicy.REPORTER), topics.heartbeats(), "node7", "{\"bootId\":\"b1\"}".getBytes());
        for (String topic : List.of(topics.heartbeats(), topics.nodes(), topics.events())) {
            assertThrows(TopicAuthorizationException.class, () -> count(SecureKafka.as(AccessPolicy.REPORTER), topic), topic);
        }
    }

    @Test
    void aReporterCannotClaimAnotherNodesInstallComplete(@TempDir Path dir) throws Exception {
        // node8 waits at stage pxe for its installer's report (on-install-complete), but no installer
        // was served: root on node7, with the reporter's credentials, tries to complete its install.
        KafkaConnection asController = SecureKafka.as(AccessPolicy.CONTROLLER);
        Map<String, String> settings = SecureKafka.controllerSettings(topics, "acl-it", dir);
        try (ControllerApp controller = new ControllerApp(ControllerConfig.fromMap(settings), ControllerApp.newRegistry())
                .start()) {
            for (int i : new int[] {7, 8}) {
                send(asController, topics.commands(), "node" + i, Codec.COMMAND.encode(new Command.PutNode("node" + i,
                    new Command.Meta("add-" + i, "test", Instant.now()), spec(i), BootStage.PXE)));
            }
            KafkaConnection admin = SecureKafka.broker().adminConnection();
            await("the controller added node7 and node8", () -> records(admin, topics.nodes()).size() >= 2);

            KafkaConnection reporter = SecureKafka.as(AccessPolicy.REPORTER);
            Map<String, String> m = SecureKafka.reporterSettings(topics);
            m.put("ack.timeout", "10");
            // The broker takes it (a reporter may write heartbeats, for any key); the controller does not.
            assertTrue(InstallComplete.send(ReporterConfig.fromMap(m), "node8"));
            // A report in node7's own name slipped into node8's input is refused before the state machine.
            send(reporter, topics.heartbeats(), "node8", Codec.INSTALL_REPORT.encode(
                InstallReport.of("node7", "forged-boot", Instant.now(), "forged-1")));

            await("the controller refused both", () -> rejected(admin, "node8").size() == 1
                && records(admin, topics.deadletter()).size() == 1);
            assertTrue(rejected(admin, "node8").get(0).detail().contains("no install in progress"),
                rejected(admin, "node8").toString());
            DeadLetter dead = decoded(records(admin, topics.deadletter()).get(0), Codec.DEAD_LETTER);
            assertEquals(topics.heartbeats(), dead.topic());
            assertTrue(dead.reason().contains("node7"), dead.reason());
            assertTrue(events(admin).stream().noneMatch(e -> e.kind() == LifecycleKind.INSTALL_COMPLETE), "no install completed");
            // Only the controller's own two commands are on the commands topic, and node8 still waits.
            assertEquals(2, records(admin, topics.commands()).size());
            NodeState node8 = records(admin, topics.nodes()).stream().filter(r -> "node8".equals(r.key()))
                .map(r -> decoded(r, Codec.NODE_STATE)).reduce((a, b) -> b).orElseThrow();
            assertEquals(BootStage.PXE, node8.stage());
        }
    }

    private static NodeSpec spec(int i) {
        ClassSpec waits = new ClassSpec("centos", "/boot/vmlinuz", "/boot/initrd.img", "ks=nfs:x", null, null, null,
            StagePolicy.ON_INSTALL_COMPLETE);
        return new NodeSpec(i, "node" + i, List.of(MacAddress.of(String.format("02:19:00:00:00:%02x", i))),
            Ipv4Address.parse("10.19.0." + i), waits, null, BootSequence.PXE_LOCAL);
    }

    private List<LifecycleEvent> events(KafkaConnection k) {
        return records(k, topics.events()).stream().map(r -> decoded(r, Codec.EVENT)).toList();
    }

    private List<LifecycleEvent> rejected(KafkaConnection k, String node) {
        return events(k).stream().filter(e -> e.node().equals(node) && e.kind() == LifecycleKind.COMMAND_REJECTED).toList();
    }

    private static <T> T decoded(ConsumerRecord<String, byte[]> r, Decoder<T> codec) {
        return ((Decoded.Ok<T>) codec.decode(r.value())).value();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        HeadNodeWiring.await(what, Duration.ofSeconds(60), condition);
    }

    @Test
    void aBridgeWritesDhcpAndPxeOnly() throws Exception {
        KafkaConnection bridge = SecureKafka.as(AccessPolicy.BRIDGE);
        send(bridge, topics.dhcp(), "00:a0:d1:e5:c4:6e", "{}".getBytes());
        send(bridge, topics.pxe(), "00:a0:d1:e5:c4:6e", "{}".getBytes());
        for (String topic : List.of(topics.commands(), topics.heartbeats(), topics.config(), topics.nodes())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> send(bridge, topic, "n", wipe("n")), topic);
            assertInstanceOf(TopicAuthorizationException.class, e.getCause(), topic);
        }
        assertEquals(0, count(SecureKafka.broker().adminConnection(), topics.commands()));
    }

    @Test
    void aGeneratorReadsConfigAndWritesOnlyItsReports() throws Exception {
        KafkaConnection generator = SecureKafka.as(AccessPolicy.GENERATOR);
        send(SecureKafka.as(AccessPolicy.CONTROLLER), topics.config(), "node1", "{}".getBytes());
        assertEquals(1, count(generator, topics.config()));
        send(generator, topics.configStatus(), "node1", "{}".getBytes());
        for (String topic : List.of(topics.config(), topics.commands(), topics.nodes(), topics.pxe())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> send(generator, topic, "n", wipe("n")), topic);
            assertInstanceOf(TopicAuthorizationException.class, e.getCause(), topic);
        }
    }

    @Test
    void aClientCertificateIsThePrincipalItsCommonNameSays() throws Exception {
        // mTLS instead of a password: CN=reporter gets exactly the reporter's grants.
        KafkaConnection reporter = SecureKafka.broker().certificateConnection(AccessPolicy.REPORTER);
        assertEquals("SSL", reporter.securityProtocol());
        send(reporter, topics.heartbeats(), "node7", "{}".getBytes());
        ExecutionException e = assertThrows(ExecutionException.class, () -> send(reporter, topics.commands(), "n", wipe("n")));
        assertInstanceOf(TopicAuthorizationException.class, e.getCause());
    }

    @Test
    void aUserWithoutGrantsOrWithoutTheRightPasswordGetsNothing() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> send(SecureKafka.as("intruder"), topics.heartbeats(), "n", "{}".getBytes()));
        assertInstanceOf(TopicAuthorizationException.class, e.getCause());
        KafkaConnection reporter = SecureKafka.as(AccessPolicy.REPORTER);
        KafkaConnection guessed = reporter.with(Map.of("sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"reporter\" password=\"guess\";"));
        Throwable refused = assertThrows(Exception.class, () -> send(guessed, topics.heartbeats(), "n", "{}".getBytes()));
        assertTrue(refused instanceof AuthenticationException || refused.getCause() instanceof AuthenticationException,
            refused.toString());
        assertEquals(0, count(SecureKafka.broker().adminConnection(), topics.heartbeats()));
    }

    private static byte[] wipe(String node) {
        return Codec.COMMAND.encode(new Command.SetStage(node, new Command.Meta("attack-" + UUID.randomUUID(),
            "a compute node", Instant.now()), BootStage.PXE));
    }

    private static void send(KafkaConnection k, String topic, String key, byte[] value) throws Exception {
        Properties p = k.properties();
        p.put("acks", "all");
        p.put("max.block.ms", "10000");
        p.put("delivery.timeout.ms", "12000");
        p.put("request.timeout.ms", "10000");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(20, TimeUnit.SECONDS);
        }
    }

    private static int count(KafkaConnection k, String topic) {
        return records(k, topic).size();
    }

    /** Records on {@code topic} read as {@code k}, from the beginning to the end offsets. */
    private static List<ConsumerRecord<String, byte[]>> records(KafkaConnection k, String topic) {
        Properties p = k.properties();
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic, WAIT).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, WAIT);
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(100)).forEach(seen::add);
            }
            return seen;
        }
    }
}
