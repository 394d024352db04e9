package io.pxeflow.generator.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pxeflow.generator.Fixtures;
import io.pxeflow.generator.SyntheticCluster;
import io.pxeflow.generator.output.ConfigChange;
import io.pxeflow.generator.output.GeneratedTree;
import io.pxeflow.generator.output.PreSwapValidator;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.NodeBootConfig;
import io.pxeflow.testkit.KafkaTestClients;
import io.pxeflow.testkit.TestKafka;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Torture (issue 9): a generator worker in its own JVM is killed with SIGKILL at random moments
 * of its render, twenty times, while stage flips keep arriving. After every kill no output file
 * may be empty or cut short, and after the last restart the tree must equal a clean render of the
 * final topic, with no temp file left behind.
 */
class GeneratorKillIT {
    /** Kea reads JSON with // comments (the generated header is one). */
    private static final ObjectMapper KEA_JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    private static final Logger LOG = LoggerFactory.getLogger(GeneratorKillIT.class);
    private static final int NODES = 600;
    private static final int KILLS = Integer.getInteger("pxeflow.torture.kills", 20);

    @TempDir
    Path dir;

    @Test
    void killedMidRenderTwentyTimesNeverLeavesAPartialFileAndConverges() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        Topics topics = new Topics(TestKafka.uniquePrefix());
        KafkaTestClients.createTopics(bootstrap, 3, List.of(topics.config(), topics.configStatus(), topics.inventory()));
        Path out = dir.resolve("out");
        Map<String, String> settings = fixedSettings(out, topics);
        Path config = writeProperties(settings);

        Map<String, ConfigRecord> latest = new LinkedHashMap<>();
        Random random = new Random(42);
        try (KafkaProducer<String, byte[]> producer = KafkaTestClients.producer(bootstrap)) {
            for (ConfigRecord r : SyntheticCluster.records(NODES, 8)) {
                publish(producer, topics, r, latest);
            }
            producer.flush();
            for (int kill = 1; kill <= KILLS; kill++) {
                Path log = dir.resolve("worker-" + kill + ".log");
                Process worker = startWorker(config, log);
                // From the end of the replay on, the worker is writing files: that is when a kill hurts.
                awaitLine(log, kill % 4 == 0 ? "replaying" : "to its end", worker);
                // Changes land while the worker replays and renders, so kills hit both phases.
                for (int i = 0; i < 10; i++) {
                    publish(producer, topics, flipped(latest, 1 + random.nextInt(NODES)), latest);
                }
                producer.flush();
                Thread.sleep(random.nextInt(1500));
                worker.destroyForcibly();
                assertTrue(worker.waitFor(20, TimeUnit.SECONDS), "the killed worker exits");
                assertNoPartialFile(out, kill);
            }
        }

        Process last = startWorker(config, dir.resolve("worker-last.log"));
        try {
            Path clean = dir.resolve("clean");
            Map<String, String> expected = new TreeMap<>();
            // The only place the output directory itself is written into a file (dnsmasq's hostsdir).
            cleanRender(clean, topics, latest).forEach((k, v) -> expected.put(k, v.replace(clean.toString(), out.toString())));
            Map<String, String> actual = awaitTree(out, expected, Duration.ofSeconds(60));
            assertEquals(expected.keySet(), actual.keySet(), "the same files as a clean render");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertEquals(e.getValue(), actual.get(e.getKey()), e.getKey() + " converged");
            }
        } finally {
            last.destroy();
            last.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static Map<String, String> fixedSettings(Path out, Topics topics) {
        Map<String, String> m = Fixtures.workerSettingsMap(out, topics, "kill-");
        // Paths that would otherwise default to the output dir, so a clean render elsewhere is byte-equal.
        m.put("tftp.root", "/srv/tftp");
        m.put("nfs.overlays.dir", "/srv/overlays");
        return m;
    }

    private Path writeProperties(Map<String, String> settings) throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        Path file = dir.resolve("generator.properties");
        try (var w = Files.newBufferedWriter(file)) {
            p.store(w, "GeneratorKillIT");
        }
        return file;
    }

    private static void publish(KafkaProducer<String, byte[]> producer, Topics topics, ConfigRecord r,
            Map<String, ConfigRecord> latest) {
        producer.send(new ProducerRecord<>(topics.config(), r.key(), Codec.CONFIG.encode(r)));
        latest.put(r.key(), r);
    }

    private static NodeBootConfig flipped(Map<String, ConfigRecord> latest, int index) {
        NodeBootConfig n = (NodeBootConfig) latest.get("n" + index);
        BootStage next = n.stage() == BootStage.PXE ? BootStage.LOCAL : BootStage.PXE;
        return new NodeBootConfig(n.node(), n.index(), n.macs(), n.ip(), n.sequence(), next, n.bootClass(), n.wipe(),
            n.generation() + 1, n.time());
    }

    /** Waits until the worker has its partitions: from then on every moment is mid-replay or mid-render. */
    private static void awaitLine(Path log, String marker, Process worker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(marker)) {
                return;
            }
            assertTrue(worker.isAlive(), "the worker died on its own: " + (Files.exists(log) ? Files.readString(log) : ""));
            Thread.sleep(50);
        }
        throw new AssertionError("the worker never logged '" + marker + "'");
    }

    private static Process startWorker(Path config, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            GeneratorCommand.class.getName(), "--bootstrap", TestKafka.bootstrapServers(), "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    }

    /** Every file a reader could open is whole: non-empty, JSON that parses, dhcpd.conf with balanced braces. */
    private static void assertNoPartialFile(Path out, int kill) throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        int checked = 0;
        for (Map.Entry<String, String> e : files(out, false).entrySet()) {
            String path = e.getKey();
            String text = e.getValue();
            assertTrue(!text.isEmpty(), "after kill " + kill + ": " + path + " is empty");
            assertTrue(text.endsWith("\n"), "after kill " + kill + ": " + path + " is cut short");
            if (path.endsWith(".json")) {
                KEA_JSON.readTree(text);
            }
            if (path.equals("dhcpd.conf")) {
                assertEquals(text.chars().filter(c -> c == '{').count(), text.chars().filter(c -> c == '}').count(),
                    "after kill " + kill + ": dhcpd.conf braces balance");
            }
            checked++;
        }
        LOG.info("kill {}: {} files whole", kill, checked);
    }

    private static Map<String, String> cleanRender(Path clean, Topics topics, Map<String, ConfigRecord> latest)
            throws IOException {
        GeneratorSettings s = GeneratorSettings.fromMap(fixedSettings(clean, topics));
        GeneratedTree tree = new GeneratedTree(s, PreSwapValidator.NONE, Clock.systemUTC());
        List<ConfigChange> changes = new ArrayList<>();
        latest.values().forEach(r -> changes.add(ConfigChange.of(r.key(), r)));
        tree.apply(changes, true);
        return files(clean, false);
    }

    private static Map<String, String> awaitTree(Path out, Map<String, String> expected, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> actual = files(out, true);
        while (!actual.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            actual = files(out, true);
        }
        return actual;
    }

    /**
     * Relative path to content of every file but the manifest; temp files included when asked, so
     * leftovers show. The worker renames files while we look: one that vanishes is skipped.
     */
    private static Map<String, String> files(Path root, boolean withTemps) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return m;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                String rel = root.relativize(f).toString();
                boolean temp = f.getFileName().toString().endsWith(".tmp");
                if (attrs.isRegularFile() && !rel.startsWith(".pxeflow/") && (withTemps || !temp)) {
                    try {
                        m.put(rel, Files.readString(f));
                    } catch (NoSuchFileException renamedMeanwhile) {
                        // the next look sees what it was renamed to
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return m;
    }
}
