package io.pxeflow.controller.runtime;

import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates pxeflow's topics if they are missing. Node-keyed topics all get the same partition
 * count: that is what co-partitions a node's inputs with its state.
 */
public final class TopicInstaller {
    private TopicInstaller() {
    }

    public static void ensure(KafkaConnection kafka, Topics topics, int partitions, short replication)
            throws InterruptedException, TimeoutException {
        Properties p = kafka.properties();
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> wanted = new ArrayList<>();
            for (Topics.Spec spec : topics.all()) {
                wanted.add(topic(spec.name(), spec.compacted(), partitions, replication));
            }
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                            + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics at " + kafka.describe() + ": " + e.getCause().getMessage(), e);
        }
    }

    private static NewTopic topic(String name, boolean compacted, int partitions, short replication) {
        NewTopic t = new NewTopic(name, partitions, replication);
        if (compacted) {
            t.configs(Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.1",
                "segment.ms", Long.toString(TimeUnit.HOURS.toMillis(1))));
        } else {
            t.configs(Map.of("retention.ms", Long.toString(TimeUnit.DAYS.toMillis(7))));
        }
        return t;
    }
}
