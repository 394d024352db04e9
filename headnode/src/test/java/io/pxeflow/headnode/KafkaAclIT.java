package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.controller.runtime.TopicInstaller;
import io.pxeflow.protocol.AccessPolicy;
import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.reporter.InstallComplete;
import io.pxeflow.reporter.ReporterConfig;
import io.pxeflow.testkit.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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

/**
 * Attacks on the broker of {@code pxeflow up --secure} (SASL_SSL, SCRAM, mTLS, the policy's
 * ACLs): every principal can do what its job needs and is refused the rest, and a refused write
 * leaves nothing behind. Issue #17: a compute node's credentials can no longer command the cluster.
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
    void theReportersInstallCompleteNoLongerReachesTheCommandsTopic() throws Exception {
        // Until install-complete moves to the node's own input (issue #19), a node cannot send it at
        // all on a secure cluster: the commands topic is the controller's alone.
        KafkaConnection reporter = SecureKafka.as(AccessPolicy.REPORTER);
        Map<String, String> m = new java.util.HashMap<>();
        m.put("bootstrap", reporter.bootstrap());
        m.put("topic.prefix", topics.prefix());
        m.put("ack.timeout", "5");
        reporter.settings().forEach((k, v) -> m.put("kafka." + k, v));
        assertFalse(InstallComplete.send(ReporterConfig.fromMap(m), "node8"));
        assertEquals(0, count(SecureKafka.broker().adminConnection(), topics.commands()));
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

    /** Records on {@code topic} read as {@code k}, from the beginning to the end offsets. */
    private static int count(KafkaConnection k, String topic) {
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
            return seen.size();
        }
    }
}
