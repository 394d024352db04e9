package io.pxeflow.reporter;

import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The reporter's settings, typed and validated, with defaults. Built from a map of string keys
 * (the config file's keys; flags are merged into the same map), so the file, the flags and the
 * tests share one parser. Only {@code main} looks at the environment.
 *
 * @param bootstrap       Kafka bootstrap servers ("head:9092,head2:9092"); null when not needed (--once)
 * @param node            the node name; null means "the kernel's host name"
 * @param intervalSeconds seconds between heartbeats, also the promise the controller checks
 * @param topicPrefix     prefix of the pxeflow topics
 * @param bufferSamples   samples kept while Kafka is unreachable; older ones are dropped
 * @param root            where /proc and /sys are read from ("/" on a node)
 * @param kafka           extra producer properties (TLS, SASL, client.id...), applied last
 * @param ackTimeoutSeconds how long --install-complete waits for the broker's acknowledgement
 * @param producer        which Kafka client sends heartbeats: auto, lean or java (see {@link ProducerChoice})
 */
public record ReporterConfig(String bootstrap, String node, int intervalSeconds, String topicPrefix,
                             int bufferSamples, Path root, Map<String, String> kafka, int ackTimeoutSeconds,
                             String producer) {

    public static final String BOOTSTRAP = "bootstrap";
    public static final String NODE = "node";
    public static final String INTERVAL = "interval";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String BUFFER = "buffer.samples";
    public static final String ROOT = "root";
    public static final String ACK_TIMEOUT = "ack.timeout";
    public static final String PRODUCER = "producer";
    /** Keys starting with this go to the Kafka producer with the prefix removed. */
    public static final String KAFKA_PREFIX = "kafka.";
    public static final List<String> KEYS = List.of(BOOTSTRAP, NODE, INTERVAL, TOPIC_PREFIX, BUFFER, ROOT, ACK_TIMEOUT,
        PRODUCER);

    public static final int DEFAULT_INTERVAL = 5;
    public static final int DEFAULT_BUFFER = 3;
    public static final int DEFAULT_ACK_TIMEOUT = 30;
    /** The reporter chooses these itself; letting a config file replace them would break the wire format. */
    private static final List<String> RESERVED_KAFKA = List.of("bootstrap.servers", "key.serializer", "value.serializer");

    /** A setting that is missing or wrong; the message names the key and says what is expected. */
    public static final class ConfigException extends IllegalArgumentException {
        public ConfigException(String message) {
            super(message);
        }
    }

    public ReporterConfig {
        if (bootstrap != null) {
            bootstrap = checkBootstrap(bootstrap);
        }
        if (node != null) {
            try {
                Fields.hostname(NODE, node);
            } catch (InvalidFieldException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        range(INTERVAL, intervalSeconds, 1, 3600);
        range(BUFFER, bufferSamples, 1, 1000);
        range(ACK_TIMEOUT, ackTimeoutSeconds, 1, 3600);
        try {
            new Topics(topicPrefix);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TOPIC_PREFIX + ": " + e.getMessage());
        }
        if (root == null) {
            root = Path.of("/");
        }
        kafka = kafka == null ? Map.of() : Map.copyOf(new TreeMap<>(kafka));
        producer = producer == null ? ProducerChoice.AUTO : producer.trim().toLowerCase(Locale.ROOT);
        if (!ProducerChoice.VALUES.contains(producer)) {
            throw new ConfigException(PRODUCER + ": expected one of " + ProducerChoice.VALUES + ", got '" + producer + "'");
        }
        for (String reserved : RESERVED_KAFKA) {
            if (kafka.containsKey(reserved)) {
                throw new ConfigException(KAFKA_PREFIX + reserved + " is set by the reporter; use " + BOOTSTRAP
                    + " for the servers");
            }
        }
    }

    public static ReporterConfig defaults() {
        return fromMap(Map.of());
    }

    /** The topics under this config's prefix. */
    public Topics topics() {
        return new Topics(topicPrefix);
    }

    /** The bootstrap servers, or a ConfigException saying how to give them. */
    public String requireBootstrap() {
        if (bootstrap == null) {
            throw new ConfigException("no Kafka bootstrap servers: pass --bootstrap HOST:PORT or set "
                + BOOTSTRAP + "= in the config file");
        }
        return bootstrap;
    }

    public static ReporterConfig fromProperties(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return fromMap(m);
    }

    /** Unknown keys are refused (a typo in a config file should not silently fall back to a default). */
    public static ReporterConfig fromMap(Map<String, String> m) {
        Map<String, String> kafka = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : m.entrySet()) {
            String key = e.getKey().trim();
            if (key.startsWith(KAFKA_PREFIX)) {
                kafka.put(key.substring(KAFKA_PREFIX.length()), e.getValue().trim());
            } else if (!KEYS.contains(key)) {
                throw new ConfigException("unknown setting '" + key + "'; known: " + KEYS + " and " + KAFKA_PREFIX + "*");
            }
        }
        return new ReporterConfig(
            blankToNull(m.get(BOOTSTRAP)),
            blankToNull(m.get(NODE)),
            integer(m, INTERVAL, DEFAULT_INTERVAL),
            m.getOrDefault(TOPIC_PREFIX, Topics.DEFAULT_PREFIX).trim(),
            integer(m, BUFFER, DEFAULT_BUFFER),
            m.containsKey(ROOT) ? Path.of(m.get(ROOT).trim()) : null,
            kafka,
            integer(m, ACK_TIMEOUT, DEFAULT_ACK_TIMEOUT),
            blankToNull(m.get(PRODUCER)));
    }

    private static String checkBootstrap(String value) {
        String v = value.trim();
        for (String server : v.split(",")) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            boolean ok = colon > 0 && colon < s.length() - 1;
            if (ok) {
                try {
                    int port = Integer.parseInt(s.substring(colon + 1));
                    ok = port >= 1 && port <= 65535;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw new ConfigException(BOOTSTRAP + ": expected HOST:PORT[,HOST:PORT...], got '" + value + "'");
            }
        }
        return v;
    }

    private static int integer(Map<String, String> m, String key, int dflt) {
        String v = m.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": expected a whole number, got '" + v + "'");
        }
    }

    private static void range(String key, int v, int min, int max) {
        if (v < min || v > max) {
            throw new ConfigException(key + ": must be " + min + ".." + max + ", got " + v);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
