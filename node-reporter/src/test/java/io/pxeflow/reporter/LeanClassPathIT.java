package io.pxeflow.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.Topics;
import io.pxeflow.testkit.KafkaTestClients;
import io.pxeflow.testkit.TestKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The footprint rests on what the reporter does not load: a reporter JVM of its own, with the
 * whole class path available (Jackson and the Kafka client included), must send heartbeats
 * without loading a single Jackson or Kafka client class. A stray reference to the protocol's
 * Jackson codec or to a Kafka type on the lean path would fail here.
 */
class LeanClassPathIT {
    @Test
    void reportingThroughTheLeanProducerLoadsNeitherJacksonNorTheKafkaClient(@TempDir Path dir) throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Topics topics = new Topics(prefix);
        KafkaTestClients.createTopics(bootstrap, 2, List.of(topics.heartbeats()));
        Path classLog = dir.resolve("classes.txt");
        Process reporter = reporter(classLog, dir, "--bootstrap", bootstrap, "--interval", "1", "--node", "leannode",
            "--topic-prefix", prefix, "--config", "/dev/null");
        try {
            List<ConsumerRecord<String, byte[]>> got = KafkaTestClients.readUntil(bootstrap, topics.heartbeats(),
                Duration.ofSeconds(40), r -> r.size() >= 2);
            assertTrue(got.size() >= 2, "heartbeats from the child reporter: " + got.size());
            assertEquals("leannode", got.get(0).key());
        } finally {
            reporter.destroy();
            reporter.waitFor(10, TimeUnit.SECONDS);
        }
        assertLoadsNoJacksonOrKafka(classLog, "io.pxeflow.reporter.kafka.LeanProducer");
    }

    @Test
    void printingOneHeartbeatLoadsNeitherJacksonNorTheKafkaClient(@TempDir Path dir) throws Exception {
        Path classLog = dir.resolve("classes.txt");
        Process once = reporter(classLog, dir, "--once", "--node", "oncenode", "--config", "/dev/null");
        assertTrue(once.waitFor(60, TimeUnit.SECONDS), "--once finished");
        assertEquals(0, once.exitValue());
        assertLoadsNoJacksonOrKafka(classLog, "io.pxeflow.reporter.HeartbeatJson");
    }

    private static Process reporter(Path classLog, Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xlog:class+load=info:file=" + classLog, "-cp", System.getProperty("java.class.path"),
            ReporterMain.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    }

    private static void assertLoadsNoJacksonOrKafka(Path classLog, String expected) throws IOException {
        List<String> loaded = Files.readAllLines(classLog);
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" " + expected + " ")), expected + " was loaded");
        List<String> heavy = loaded.stream()
            .filter(l -> l.contains("com.fasterxml.") || l.contains("org.apache.kafka.")).limit(5).toList();
        assertEquals(List.of(), heavy, "Jackson or Kafka client classes on the reporter's path");
    }
}
