package io.pxeflow.reporter;

import io.pxeflow.reporter.ReporterConfig.ConfigException;
import io.pxeflow.reporter.kafka.LeanSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which client sends heartbeats. The built-in lean producer (plaintext, acks 1 or all, about 20
 * classes) is the default; any {@code kafka.*} setting it does not understand (TLS, SASL,
 * compression, ...) selects the Kafka Java client instead, so such a cluster works exactly as
 * before. {@code producer=lean} or {@code producer=java} forces one; forcing lean with settings it
 * cannot honour is a configuration error, not a silent downgrade of security.
 */
final class ProducerChoice {
    static final String AUTO = "auto";
    static final String LEAN = "lean";
    static final String JAVA = "java";
    static final List<String> VALUES = List.of(AUTO, LEAN, JAVA);

    /** Producer settings the lean client honours; any other one needs the Java client. */
    private static final Set<String> LEAN_KEYS = Set.of("security.protocol", "client.id", "acks", "request.timeout.ms",
        "delivery.timeout.ms", "retry.backoff.ms", "retry.backoff.max.ms", "compression.type");

    /** The decision and the reason to log. */
    record Decision(boolean lean, String reason) {
    }

    private ProducerChoice() {
    }

    static Decision decide(ReporterConfig c) {
        List<String> unsupported = unsupported(c.kafka());
        if (JAVA.equals(c.producer())) {
            return new Decision(false, "producer=java");
        }
        if (LEAN.equals(c.producer())) {
            if (!unsupported.isEmpty()) {
                throw new ConfigException("producer=lean cannot honour " + unsupported + "; use producer=auto or java");
            }
            return new Decision(true, "producer=lean");
        }
        if (unsupported.isEmpty()) {
            return new Decision(true, "plaintext, no Kafka settings it lacks");
        }
        return new Decision(false, "the built-in producer does not support " + unsupported);
    }

    /** The {@code kafka.*} settings (as KEY or KEY=VALUE) the lean producer cannot honour. */
    static List<String> unsupported(Map<String, String> kafka) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : kafka.entrySet()) {
            String k = e.getKey();
            String v = e.getValue().trim().toLowerCase(Locale.ROOT);
            boolean ok = LEAN_KEYS.contains(k)
                && (!k.equals("security.protocol") || v.equals("plaintext"))
                && (!k.equals("compression.type") || v.equals("none"))
                && (!k.equals("acks") || v.equals("1") || v.equals("all") || v.equals("-1"))
                && (!k.endsWith(".ms") || isPositiveInt(v));
            if (!ok) {
                // Only the key: a value may be a secret (sasl.jaas.config, ssl.keystore.password).
                out.add(LEAN_KEYS.contains(k) ? k + "=" + e.getValue().trim() : k);
            }
        }
        return out;
    }

    static LeanSettings leanSettings(ReporterConfig c, String node) {
        Map<String, String> k = c.kafka();
        String acks = k.getOrDefault("acks", "1").trim();
        return new LeanSettings(node,
            Arrays.stream(c.requireBootstrap().split(",")).map(String::trim).toList(),
            c.topics().heartbeats(),
            k.getOrDefault("client.id", "pxeflow-reporter-heartbeat-" + node),
            Version.REPORTER,
            (short) (acks.equals("1") ? 1 : -1),
            millis(k, "request.timeout.ms", KafkaSettings.REQUEST_TIMEOUT_MS),
            millis(k, "delivery.timeout.ms", KafkaSettings.DELIVERY_TIMEOUT_MS),
            KafkaSettings.CONNECT_TIMEOUT_MS,
            millis(k, "retry.backoff.ms", KafkaSettings.BACKOFF_MS),
            millis(k, "retry.backoff.max.ms", KafkaSettings.BACKOFF_MAX_MS),
            5 * 60_000L);
    }

    private static int millis(Map<String, String> k, String key, int dflt) {
        String v = k.get(key);
        return v == null ? dflt : Integer.parseInt(v.trim());
    }

    private static boolean isPositiveInt(String v) {
        try {
            return Integer.parseInt(v) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
