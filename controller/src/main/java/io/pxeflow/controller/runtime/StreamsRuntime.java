package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.NodeStateMachine;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the KafkaStreams instance: exactly-once v2, so a stage flip, its config and its events
 * are committed together or not at all, and a restarted or second controller resumes from the
 * changelog with nothing lost or applied twice.
 */
public final class StreamsRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRuntime.class);
    private final KafkaStreams streams;

    public StreamsRuntime(ControllerConfig config, NodeStateMachine machine, Clock clock, ControllerMetrics metrics) {
        Properties p = config.kafka().properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.topics().controllerApplicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().resolve("streams").toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replication());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.CLIENT_ID_CONFIG, config.instanceId());
        // Failover is quick on a head node: a lost instance's partitions move within seconds.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Static membership: an instance restarted after a crash takes its partitions straight back
        // instead of waiting for the group to notice its old self has gone.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), config.instanceId());
        // The next transaction's offset commit waits on the previous one; keep that wait short.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // A killed instance's open transaction blocks its partitions (read_committed, pending offsets)
        // until the coordinator aborts it: its transactional id dies with its random process id, so
        // nothing fences it sooner. This timeout (default 10 s, Streams' own) bounds that stall.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), config.transactionTimeoutMs());
        // A node's inputs come on five co-partitioned topics: a task takes the oldest record among
        // them. With only what the consumer has handed over to compare (Streams' default, 0), a topic
        // whose fetched records still queue behind another topic's big fetch looks empty, and a 10,000-
        // node storm applied 118,000 inputs after younger ones of their node, up to 40 s late; waiting
        // up to this long for an input that has gone empty brought it to 8,000, at most 1.5 s late
        // (a development run, docs/architecture.md). It costs at most that much latency, on an input
        // that arrives while another input of its task has just been drained.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, config.maxTaskIdle().toMillis());
        this.streams = new KafkaStreams(ControllerTopology.build(config.topics(), machine, clock, metrics), p);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("controller stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((next, prev) -> LOG.info("controller streams {} -> {}", prev, next));
    }

    public void start() {
        streams.start();
    }

    public boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /**
     * Leaves the group on the way out: without it (the classic protocol's default) the group waits
     * a whole session timeout before it hands this instance's partitions to a restarted or
     * surviving controller, and those nodes' events wait with it.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(java.time.Duration.ofSeconds(20)));
    }
}
