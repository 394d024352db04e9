package io.pxeflow.headnode;

import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import io.pxeflow.protocol.AccessPolicy;
import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One SASL_SSL broker with ACLs for the security tests of this JVM, set up as {@code pxeflow up
 * --secure} sets up its own: a SCRAM user per principal, the policy's ACLs for each test's topic
 * prefix. Tests isolate themselves by prefix, as on the shared plain broker.
 */
final class SecureKafka {
    private static EmbeddedKafkaBroker broker;

    private SecureKafka() {
    }

    static synchronized EmbeddedKafkaBroker broker() throws Exception {
        if (broker == null) {
            Path dir = Files.createTempDirectory("pxeflow-secure-kafka-");
            Map<String, String> users = new LinkedHashMap<>();
            for (String p : AccessPolicy.PRINCIPALS) {
                users.put(p, UUID.randomUUID().toString());
            }
            users.put("intruder", UUID.randomUUID().toString());
            broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).secure(dir.resolve("tls"), users).build().start();
            EmbeddedKafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "secure-kafka-stop"));
        }
        return broker;
    }

    /** The policy's ACLs for {@code topics}, as {@code pxeflow acls --apply} creates them. */
    static void grant(Topics topics) throws Exception {
        AclInstaller.apply(broker().adminConnection(), AccessPolicy.of(topics), false);
    }

    static KafkaConnection as(String principal) throws Exception {
        return broker().userConnection(principal);
    }

    /** A controller's settings as User:controller for {@code topics}: ephemeral ports, loopback, no token. */
    static Map<String, String> controllerSettings(Topics topics, String instance, Path stateDir) throws Exception {
        KafkaConnection k = as(AccessPolicy.CONTROLLER);
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap", k.bootstrap());
        k.settings().forEach((key, v) -> m.put("kafka." + key, v));
        m.put("topics.prefix", topics.prefix());
        m.put("topics.partitions", "3");
        m.put("http.port", "0");
        m.put("boot.port", "0");
        m.put("instance.id", instance);
        m.put("state.dir", stateDir.toString());
        return m;
    }

    /** A node reporter's settings as User:reporter for {@code topics}. */
    static Map<String, String> reporterSettings(Topics topics) throws Exception {
        KafkaConnection k = as(AccessPolicy.REPORTER);
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap", k.bootstrap());
        m.put("topic.prefix", topics.prefix());
        k.settings().forEach((key, v) -> m.put("kafka." + key, v));
        return m;
    }
}
