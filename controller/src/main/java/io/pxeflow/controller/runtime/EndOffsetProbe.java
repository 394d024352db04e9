package io.pxeflow.controller.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the end offsets of the resolver's input topics every {@code every}, on its own thread
 * and admin client, and keeps the last few looks for the resolver tasks ({@link ResolverProgress}).
 * A look is only taken when the broker answers, so while it does not, watermarks stop and the
 * node processor holds what it receives: the safe direction.
 */
public final class EndOffsetProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EndOffsetProbe.class);
    /** How many looks are kept: a resolver task that is a little behind can still pass an older one. */
    static final int KEPT = 10;
    private static final Duration REDESCRIBE = Duration.ofSeconds(30);

    private final Admin admin;
    private final String groupId;
    private final List<String> topics;
    private final ScheduledExecutorService timer;
    private final long everyMs;
    private final Deque<EndOffsets> looks = new ArrayDeque<>();
    private volatile List<EndOffsets> newestFirst = List.of();
    private List<TopicPartition> partitions = List.of();
    private int sources;
    private long describedAt = Long.MIN_VALUE;
    private long failingSince = -1;

    /** @param topics the resolver's input topics, the DHCP topic first (its partition count is the number of sources) */
    public EndOffsetProbe(io.pxeflow.protocol.KafkaConnection kafka, String groupId, List<String> topics, Duration every) {
        Properties p = kafka.properties();
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, groupId + "-end-offsets");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        this.admin = Admin.create(p);
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
        this.everyMs = every.toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "end-offset-probe");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::look, 0, everyMs, TimeUnit.MILLISECONDS);
    }

    /** The kept looks, newest first. */
    List<EndOffsets> recent() {
        return newestFirst;
    }

    private void look() {
        try {
            long now = System.currentTimeMillis();
            if (now - describedAt > REDESCRIBE.toMillis() || partitions.isEmpty()) {
                describe();
                describedAt = now;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            long askedAt = System.currentTimeMillis();
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(5, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            Map<TopicPartition, Long> committed = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            offsets.forEach((tp, om) -> {
                if (om != null && topics.contains(tp.topic())) {
                    committed.put(tp, om.offset());
                }
            });
            keep(new EndOffsets(askedAt, Map.copyOf(ends), Map.copyOf(committed), sources));
            if (failingSince >= 0) {
                LOG.info("end offsets of {} readable again after {} ms", topics, askedAt - failingSince);
                failingSince = -1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (failingSince < 0) {
                failingSince = System.currentTimeMillis();
                LOG.warn("cannot read the end offsets of {} ({}); DHCP/PXE watermarks wait", topics, e.toString());
            }
        }
    }

    private void describe() throws Exception {
        Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            d.get(topic).partitions().forEach(p -> all.add(new TopicPartition(topic, p.partition())));
        }
        partitions = List.copyOf(all);
        sources = d.get(topics.get(0)).partitions().size();
    }

    private void keep(EndOffsets look) {
        looks.addFirst(look);
        while (looks.size() > KEPT) {
            looks.removeLast();
        }
        newestFirst = List.copyOf(looks);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(2));
    }
}
