package io.pxeflow.reporter.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** The lean producer must put a node's heartbeats on the partition the Java client would. */
class KeyPartitionerTest {
    @Test
    void murmur2MatchesKafkasOnRandomKeysOfEveryLength() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] key = new byte[random.nextInt(70)];
            random.nextBytes(key);
            assertEquals(Utils.murmur2(key), KeyPartitioner.murmur2(key), () -> "key of " + key.length + " bytes");
        }
    }

    @Test
    void partitionMatchesTheJavaClientsDefaultPartitionerForNodeNames() {
        for (int n = 0; n < 5_000; n++) {
            for (String name : new String[] {"n" + n, "node" + n, "rack" + n % 40 + "-node" + n, "compute-" + n + ".cluster"}) {
                byte[] key = name.getBytes(StandardCharsets.UTF_8);
                for (int partitions : new int[] {1, 2, 3, 6, 12, 50, 97}) {
                    assertEquals(BuiltInPartitioner.partitionForKey(key, partitions), KeyPartitioner.partition(key, partitions),
                        name + " over " + partitions);
                }
            }
        }
    }
}
