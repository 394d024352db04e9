package io.pxeflow.controller.runtime;

import io.pxeflow.controller.api.ApiToken;
import io.pxeflow.controller.domain.ControllerPolicy;
import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

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
        List<ApiToken> tokens,
        int partitions,
        short replication,
        ControllerPolicy policy,
        String ipxeImageBase,
        String kafkaBootstrapAdvertised,
        int transactionTimeoutMs,
        int streamThreads,
        Duration maxTaskIdle,
        Map<String, String> kafkaSettings,
        String bootHost,
        int bootPort,
        Path tlsCert,
        Path tlsKey,
        Duration powerRequestTtl,
        boolean bootLoopPowerOff) {

    /** The controller's own {@code kafka.*} settings; every other {@code kafka.*} key is a Kafka client setting. */
    public static final Set<String> OWN_KAFKA_KEYS = Set.of("kafka.bootstrap", "kafka.advertised",
        "kafka.transaction-timeout-ms");

    public ControllerConfig {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap is required");
        }
        kafkaSettings = new KafkaConnection(bootstrap, kafkaSettings).settings();
        tokens = List.copyOf(tokens);
        if (tokens.stream().map(ApiToken::name).distinct().count() != tokens.size()) {
            throw new IllegalArgumentException("two API tokens have the same name: " + tokens);
        }
        if (tokens.stream().map(ApiToken::value).distinct().count() != tokens.size()) {
            throw new IllegalArgumentException("two API tokens have the same value: give each its own");
        }
        if (tokens.isEmpty() && !loopback(httpHost)) {
            throw new IllegalArgumentException("refusing to serve the admin API on " + httpHost
                + " without a token: give one (--token-file FILE, e.g. from `openssl rand -hex 32`), or bind 127.0.0.1");
        }
        if (bootPort < 0 || bootPort > 65535) {
            throw new IllegalArgumentException("boot.port must be 0..65535: " + bootPort);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("HTTPS needs both http.tls.cert and http.tls.key (PEM)");
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
        if (powerRequestTtl.isNegative() || powerRequestTtl.isZero()) {
            throw new IllegalArgumentException("power.request-ttl-seconds must be positive: " + powerRequestTtl.toSeconds());
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
            tokens(m),
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
            Duration.ofMillis(intOf(m, "streams.max-task-idle-ms", 100)),
            KafkaConnection.fromPrefixed(m, OWN_KAFKA_KEYS),
            m.getOrDefault("boot.host", m.getOrDefault("http.host", "127.0.0.1")),
            intOf(m, "boot.port", 0),
            m.containsKey("http.tls.cert") ? Path.of(m.get("http.tls.cert")) : null,
            m.containsKey("http.tls.key") ? Path.of(m.get("http.tls.key")) : null,
            // A power request not done by then is not done at all: a cycle an hour late is worse than none.
            Duration.ofSeconds(intOf(m, "power.request-ttl-seconds", 300)),
            // Off by default: powering a node off is the admin's call unless they made it a policy.
            boolOf(m, "bootloop.power-off"));
    }

    private static boolean boolOf(Map<String, String> m, String key) {
        String v = m.getOrDefault(key, "false").trim();
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " must be true or false: " + v);
        }
        return Boolean.parseBoolean(v);
    }

    /**
     * The API's tokens: {@code token.admin.<name>} and {@code token.read.<name>} (values), and
     * {@code admin.token}, the admin token named "admin".
     */
    private static List<ApiToken> tokens(Map<String, String> m) {
        List<ApiToken> out = new ArrayList<>();
        if (m.get("admin.token") != null && !m.get("admin.token").isBlank()) {
            out.add(new ApiToken("admin", ApiToken.Role.ADMIN, m.get("admin.token")));
        }
        new TreeMap<>(m).forEach((k, v) -> {
            if (k.startsWith("token.admin.")) {
                out.add(new ApiToken(k.substring("token.admin.".length()), ApiToken.Role.ADMIN, v));
            } else if (k.startsWith("token.read.")) {
                out.add(new ApiToken(k.substring("token.read.".length()), ApiToken.Role.READ, v));
            }
        });
        return out;
    }

    /** True for 127.0.0.0/8, ::1 and localhost: only this machine reaches the API there. */
    public static boolean loopback(String host) {
        String h = host.trim();
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }

    /** True when the API is served over HTTPS. */
    public boolean https() {
        return tlsCert != null;
    }

    /** Where Kafka is and how every client of this controller authenticates to it. */
    public KafkaConnection kafka() {
        return new KafkaConnection(bootstrap, kafkaSettings);
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
