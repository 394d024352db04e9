package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.ControllerPolicy;
import io.pxeflow.protocol.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the controller can be told, typed and validated, with defaults. Built from a flat
 * map of strings ({@link #fromMap}); only {@code main} reads the environment or files.
 */
public record ControllerConfig(
        String bootstrap,
        Topics topics,
        String httpHost,
        int httpPort,
        String instanceId,
        Path stateDir,
        String adminToken,
        int partitions,
        short replication,
        ControllerPolicy policy,
        String ipxeImageBase,
        String kafkaBootstrapAdvertised,
        int transactionTimeoutMs,
        int streamThreads,
        Duration maxTaskIdle) {

    public ControllerConfig {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap is required");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("http.port must be 0..65535: " + httpPort);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topics.partitions must be positive");
        }
        if (transactionTimeoutMs < 1000) {
            throw new IllegalArgumentException("kafka.transaction-timeout-ms must be at least 1000: " + transactionTimeoutMs);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("streams.threads must be positive: " + streamThreads);
        }
        if (maxTaskIdle.isNegative()) {
            throw new IllegalArgumentException("streams.max-task-idle-ms must not be negative: " + maxTaskIdle.toMillis());
        }
    }

    public static ControllerConfig fromMap(Map<String, String> m) {
        ControllerPolicy d = ControllerPolicy.defaults();
        return new ControllerConfig(
            m.get("kafka.bootstrap"),
            new Topics(m.getOrDefault("topics.prefix", Topics.DEFAULT_PREFIX)),
            m.getOrDefault("http.host", "127.0.0.1"),
            intOf(m, "http.port", 8080),
            m.getOrDefault("instance.id", "controller-1"),
            Path.of(m.getOrDefault("state.dir", "var/controller")),
            m.get("admin.token"),
            intOf(m, "topics.partitions", 6),
            (short) intOf(m, "topics.replication", 1),
            new ControllerPolicy(
                intOf(m, "liveness.stale-intervals", d.staleAfterIntervals()),
                intOf(m, "liveness.down-intervals", d.downAfterIntervals()),
                intOf(m, "bootloop.answers", d.bootLoopAnswers()),
                Duration.ofSeconds(intOf(m, "bootloop.window-seconds", (int) d.bootLoopWindow().toSeconds())),
                intOf(m, "liveness.default-interval-seconds", d.defaultHeartbeatSeconds())),
            m.getOrDefault("ipxe.image-base", "tftp://${next-server}"),
            m.getOrDefault("kafka.advertised", m.get("kafka.bootstrap")),
            intOf(m, "kafka.transaction-timeout-ms", 10_000),
            // One thread decodes and applies every input; a second core doubles what the controller
            // ingests. More threads than partitions would sit idle.
            intOf(m, "streams.threads", Math.min(Runtime.getRuntime().availableProcessors(), intOf(m, "topics.partitions", 6))),
            // How long a task waits for an input topic that has just gone empty before it applies the
            // node's other inputs without it (Kafka Streams' max.task.idle.ms; see StreamsRuntime).
            Duration.ofMillis(intOf(m, "streams.max-task-idle-ms", 100)));
    }

    private static int intOf(Map<String, String> m, String key, int dflt) {
        String v = m.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number: " + v);
        }
    }
}
