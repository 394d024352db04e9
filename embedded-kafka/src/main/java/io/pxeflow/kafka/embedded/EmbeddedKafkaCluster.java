package io.pxeflow.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real multi-node Kafka cluster inside this JVM: every node a combined KRaft broker and
 * controller, all of them voters, topics replicated {@code replication} times with
 * {@code min.insync.replicas} one less (3 and 2 for three nodes), as a production head node
 * cluster would run. A node can be stopped hard (no controlled shutdown: its partitions' leaders
 * are not handed over first, the others find out when its session times out, as after a crash)
 * and started again on the same ports and data.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

    private final List<EmbeddedKafkaBroker> nodes = new ArrayList<>();
    private final String bootstrap;

    private EmbeddedKafkaCluster(Path dataDir, int size, int partitions) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node: " + size);
        }
        int[] ports = new int[size];
        int[] controllerPorts = new int[size];
        StringBuilder voters = new StringBuilder();
        for (int i = 0; i < size; i++) {
            ports[i] = freePort();
            controllerPorts[i] = freePort();
            voters.append(voters.length() == 0 ? "" : ",").append(i + 1).append("@127.0.0.1:").append(controllerPorts[i]);
        }
        String clusterId = Uuid.randomUuid().toString();
        int replication = Math.min(3, size);
        String minIsr = Integer.toString(Math.max(1, replication - 1));
        for (int i = 0; i < size; i++) {
            EmbeddedKafkaBroker.Builder b = EmbeddedKafkaBroker.builder()
                .dataDir(dataDir.resolve("node-" + (i + 1)))
                .port(ports[i])
                .controllerPort(controllerPorts[i])
                .partitions(partitions)
                .member(i + 1, voters.toString(), clusterId)
                .brokerProperty("offsets.topic.replication.factor", Integer.toString(replication))
                .brokerProperty("transaction.state.log.replication.factor", Integer.toString(replication))
                .brokerProperty("transaction.state.log.min.isr", minIsr)
                .brokerProperty("share.coordinator.state.topic.replication.factor", Integer.toString(replication))
                .brokerProperty("share.coordinator.state.topic.min.isr", minIsr)
                .brokerProperty("default.replication.factor", Integer.toString(replication))
                .brokerProperty("min.insync.replicas", minIsr)
                // A stopped node is a crashed one: no leader hand-over before it goes.
                .brokerProperty("controlled.shutdown.enable", "false")
                // Kafka's defaults (2 s, 9 s) but a quicker heartbeat: a stopped node is fenced within 9 s,
                // and a node merely slow on a loaded machine is not.
                .brokerProperty("broker.heartbeat.interval.ms", "1000")
                .brokerProperty("broker.session.timeout.ms", "9000");
            nodes.add(b.build());
        }
        this.bootstrap = nodes.stream().map(EmbeddedKafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** {@code size} nodes (3 for a production-like cluster) under {@code dataDir}, not started. */
    public static EmbeddedKafkaCluster of(Path dataDir, int size, int partitions) {
        return new EmbeddedKafkaCluster(dataDir, size, partitions);
    }

    /** Starts every node at once (none is ready before a majority of the voters is up) and waits for all. */
    public EmbeddedKafkaCluster start() {
        long t0 = System.nanoTime();
        List<CompletableFuture<EmbeddedKafkaBroker>> starting = new ArrayList<>();
        for (EmbeddedKafkaBroker n : nodes) {
            starting.add(CompletableFuture.supplyAsync(n::start));
        }
        starting.forEach(CompletableFuture::join);
        LOG.info("embedded Kafka cluster of {} nodes ready at {} in {} ms", nodes.size(), bootstrap,
            (System.nanoTime() - t0) / 1_000_000);
        return this;
    }

    /** Every node's address: clients find the live ones. */
    public String bootstrapServers() {
        return bootstrap;
    }

    public int size() {
        return nodes.size();
    }

    /** Node {@code i} (1-based, its node id). */
    public EmbeddedKafkaBroker node(int i) {
        return nodes.get(i - 1);
    }

    /** Stops node {@code i} hard: no controlled shutdown, as if its process had died. */
    public void stop(int i) {
        node(i).stop();
    }

    /** Starts node {@code i} again on its ports and data; it catches up from the other replicas. */
    public void restart(int i) {
        node(i).start();
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (EmbeddedKafkaBroker n : nodes) {
            stopping.add(CompletableFuture.runAsync(n::stop));
        }
        stopping.forEach(CompletableFuture::join);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** A cluster under a new temporary directory. */
    public static EmbeddedKafkaCluster inTempDir(int size, int partitions) {
        try {
            return of(Files.createTempDirectory("pxeflow-kafka-cluster-"), size, partitions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
