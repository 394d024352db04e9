package io.pxeflow.controller.it;

import static io.pxeflow.controller.it.Controllers.awaitNode;
import static io.pxeflow.controller.it.TestCluster.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.controller.ControllerApp;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.testkit.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two controllers of one cluster split the node partitions between them; when one goes, the
 * other takes over its nodes, restored from Kafka, and carries on for every partition.
 */
class ControllerFailoverIT {
    private static final int PARTITIONS = 6;

    @Test
    void twoControllersSplitTheWork_andTheSurvivorTakesOverEveryPartition(@TempDir Path dir) throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Topics topics = new Topics(prefix);
        List<Integer> nodes = twoNodesPerPartition();
        try (ClusterInputs in = new ClusterInputs(bootstrap, topics);
             Admin admin = Admin.create(adminProps(bootstrap));
             ControllerApp survivor = Controllers.startReady(
                 TestCluster.controllerConfig(bootstrap, prefix, "failover-a", dir.resolve("a"), PARTITIONS))) {
            ControllerApp leaving = Controllers.startReady(
                TestCluster.controllerConfig(bootstrap, prefix, "failover-b", dir.resolve("b"), PARTITIONS));
            try {
                Await.until(Duration.ofSeconds(30), () -> {
                    Map<String, Set<Integer>> owned = commandPartitionsByInstance(admin, topics);
                    return owned.size() == 2 && owned.values().stream().noneMatch(Set::isEmpty)
                        && owned.values().stream().mapToInt(Set::size).sum() == PARTITIONS;
                }, () -> "both instances own node partitions: " + commandPartitionsByInstance(admin, topics));

                nodes.forEach(in::putNode);
                in.flush();
                nodes.forEach(i -> awaitNode(survivor, name(i), s -> true, "added"));
                nodes.forEach(in::configServed);
                in.flush();
                for (int i : nodes) {
                    awaitNode(survivor, name(i), s -> s.stage() == BootStage.LOCAL && s.generation() == 2, "flipped");
                }
            } finally {
                leaving.close();
            }

            Await.until(Duration.ofSeconds(30), () -> {
                Map<String, Set<Integer>> owned = commandPartitionsByInstance(admin, topics);
                return owned.keySet().equals(Set.of("failover-a")) && owned.get("failover-a").size() == PARTITIONS;
            }, () -> "the survivor owns every partition: " + commandPartitionsByInstance(admin, topics));
            for (int i : nodes) {
                in.reprovision(i, false);
            }
            in.flush();
            for (int i : nodes) {
                awaitNode(survivor, name(i), s -> s.stage() == BootStage.PXE && s.generation() == 3, "reprovisioned");
            }
            nodes.forEach(in::configServed);
            in.flush();
            for (int i : nodes) {
                awaitNode(survivor, name(i), s -> s.stage() == BootStage.LOCAL && s.generation() == 4,
                    "flipped again on partition " + partitionOf(name(i)));
            }
            assertEquals(Map.of(), Controllers.nodes(survivor).entrySet().stream()
                .filter(e -> e.getValue().generation() != 4)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().generation())));
        }
    }

    /** Node indexes whose names hash to each node partition twice: every partition gets work. */
    private static List<Integer> twoNodesPerPartition() {
        Map<Integer, Integer> perPartition = new TreeMap<>();
        List<Integer> chosen = new ArrayList<>();
        for (int i = 1; chosen.size() < 2 * PARTITIONS; i++) {
            int p = partitionOf(name(i));
            if (perPartition.merge(p, 1, Integer::sum) <= 2) {
                chosen.add(i);
            }
        }
        return chosen;
    }

    /** Where the producer's default partitioner puts a node-keyed record. */
    private static int partitionOf(String node) {
        return Utils.toPositive(Utils.murmur2(node.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /** Which partitions of {@code commands} each controller instance's consumer has been assigned. */
    private static Map<String, Set<Integer>> commandPartitionsByInstance(Admin admin, Topics topics) {
        String group = topics.controllerApplicationId();
        Map<String, Set<Integer>> owned = new TreeMap<>();
        try {
            for (MemberDescription m : admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(10, TimeUnit.SECONDS).members()) {
                String instance = m.clientId().replaceFirst("-StreamThread-.*$", "");
                Set<Integer> parts = owned.computeIfAbsent(instance, k -> new TreeSet<>());
                m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(topics.commands()))
                    .forEach(tp -> parts.add(tp.partition()));
            }
        } catch (Exception e) {
            owned.put("unavailable: " + e, Set.of());
        }
        return owned;
    }

    private static Properties adminProps(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        return p;
    }
}
