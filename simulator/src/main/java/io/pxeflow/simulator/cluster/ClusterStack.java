package io.pxeflow.simulator.cluster;

import io.pxeflow.kafka.embedded.EmbeddedKafkaCluster;
import io.pxeflow.simulator.ControllerChild;
import io.pxeflow.simulator.EmbeddedStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pxeflow as a production head-node cluster would run it, in one test: three Kafka nodes (KRaft,
 * replication factor 3, {@code min.insync.replicas} 2) in this JVM, two controllers sharing the
 * partitions (child JVMs, one Streams application), and two generators each rendering half of
 * the nodes (a node-set shard each: even and odd node names), also child JVMs.
 */
final class ClusterStack implements AutoCloseable {
    static final Duration READY = Duration.ofMinutes(5);
    /** The two shards: node names ending in an even digit, and in an odd one. */
    static final List<String> SHARDS = List.of("sim\\d*[02468]", "sim\\d*[13579]");

    final EmbeddedKafkaCluster kafka;
    final List<ControllerChild> controllers = new ArrayList<>();
    final List<GeneratorChild> generators = new ArrayList<>();

    private ClusterStack(EmbeddedKafkaCluster kafka) {
        this.kafka = kafka;
    }

    /**
     * Starts it all under {@code dir}; {@code controllerOpts} are the controllers' JVM options,
     * {@code overrides} their settings on top of the simulator's.
     */
    static ClusterStack start(Path dir, String prefix, String controllerOpts, Map<String, String> overrides,
                              String reloadOutputs, long debounceMillis) throws Exception {
        ClusterStack s = new ClusterStack(EmbeddedKafkaCluster.of(dir.resolve("kafka"), 3, 6).start());
        try {
            String bootstrap = s.kafka.bootstrapServers();
            Path logs = dir.resolve("logs");
            for (String id : List.of("a", "b")) {
                Map<String, String> settings = new java.util.HashMap<>(overrides);
                settings.put("instance.id", "sim-controller-" + id);
                settings.put("topics.replication", "3");
                ControllerChild c = new ControllerChild(bootstrap, prefix, dir.resolve("controller-" + id),
                    logs.resolve("controller-" + id), controllerOpts, settings);
                c.start();
                s.controllers.add(c);
            }
            for (ControllerChild c : s.controllers) {
                c.awaitReady(READY);
            }
            for (int i = 0; i < SHARDS.size(); i++) {
                String id = i == 0 ? "even" : "odd";
                Map<String, String> g = EmbeddedStack.generatorSettings(dir.resolve("generator-" + id), prefix, reloadOutputs,
                    "true", debounceMillis);
                g.put("generator.id", "sim-generator-" + id);
                g.put("node.filter", SHARDS.get(i));
                GeneratorChild child = new GeneratorChild("generator-" + id, bootstrap, g, logs);
                child.start();
                s.generators.add(child);
            }
            for (GeneratorChild g : s.generators) {
                g.awaitCaughtUp(READY);
            }
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() {
        generators.forEach(GeneratorChild::close);
        controllers.forEach(ControllerChild::close);
        kafka.close();
    }
}
