package io.pxeflow.bridge;

import io.pxeflow.protocol.KafkaBootstrap;
import io.pxeflow.protocol.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bridge's settings, typed and validated, with defaults. Built from a plain map
 * ({@link #fromMap}) whose keys are the command-line option names without dashes in front, so
 * the CLI, an env-var adapter in {@code main} and tests all go through one parser. Nothing here
 * reads the environment.
 *
 * @param bootstrap      Kafka bootstrap servers
 * @param topicPrefix    topic prefix ({@code pxeflow.})
 * @param spoolDir       holds {@code incoming/} (hook files), {@code outbox/} (undelivered events)
 *                       and {@code positions/} (log offsets)
 * @param dnsmasqLog     dnsmasq log file to follow, or null
 * @param dhcpdLog       syslog file with ISC dhcpd lines, or null
 * @param tftpdLog       syslog file with tftpd-hpa lines, or null
 * @param keaLog         Kea DHCPv4 log file, or null
 * @param server         this DHCP/TFTP server's name, carried in every event
 * @param tftpRoots      prefixes stripped from logged TFTP paths
 * @param spoolMaxEvents outbound spool bound, events
 * @param spoolMaxBytes  outbound spool bound, bytes
 * @param spoolFsync     fsync each spooled event (survives power loss, not only restarts)
 * @param pollInterval   how often idle sources are polled
 * @param fromStart      read a log with no saved position from its start instead of its end
 * @param zone           zone of syslog time stamps that carry none
 * @param tftpdWindow    how long a tftpd-hpa request waits for a NAK before it counts as sent
 * @param kafkaTimeout   how long a produce may take before Kafka counts as unreachable
 * @param kafkaRetryMax  longest pause between delivery attempts while Kafka is unreachable
 * @param discoveryGrace how long an event of a client no node owns is held in case the node was added a
 *                       moment ago (the controller publishes its addresses after it applies the add);
 *                       after that it is sent as an unknown client's, which the controller files as discovered
 * @param kafkaSettings  Kafka client settings (TLS, SASL): the {@code kafka.*} keys, prefix removed
 */
public record BridgeConfig(
        String bootstrap,
        String topicPrefix,
        Path spoolDir,
        Path dnsmasqLog,
        Path dhcpdLog,
        Path tftpdLog,
        Path keaLog,
        String server,
        List<String> tftpRoots,
        long spoolMaxEvents,
        long spoolMaxBytes,
        boolean spoolFsync,
        Duration pollInterval,
        boolean fromStart,
        ZoneId zone,
        Duration tftpdWindow,
        Duration kafkaTimeout,
        Duration kafkaRetryMax,
        Duration discoveryGrace,
        Map<String, String> kafkaSettings) {

    public static final Set<String> KEYS = Set.of("bootstrap", "topic-prefix", "spool", "dnsmasq-log", "dhcpd-log",
        "tftpd-log", "kea-log", "server", "tftp-roots", "spool-max-events", "spool-max-bytes", "spool-fsync", "poll-ms",
        "from-start", "zone", "tftpd-window-ms", "kafka-timeout-ms", "kafka-retry-max-ms", "discovery-grace-ms");

    public BridgeConfig {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("bootstrap: Kafka bootstrap servers are required");
        }
        if (spoolDir == null) {
            throw new IllegalArgumentException("spool: a spool directory is required");
        }
        if (spoolMaxEvents < 1 || spoolMaxBytes < 1024) {
            throw new IllegalArgumentException("spool bounds: at least 1 event and 1024 bytes");
        }
        if (server != null && !server.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("server: use letters, digits, '.', '_' or '-': " + server);
        }
        tftpRoots = List.copyOf(tftpRoots);
        positive("poll-ms", pollInterval);
        positive("tftpd-window-ms", tftpdWindow);
        positive("kafka-timeout-ms", kafkaTimeout);
        positive("kafka-retry-max-ms", kafkaRetryMax);
        if (discoveryGrace == null || discoveryGrace.isNegative()) {
            throw new IllegalArgumentException("discovery-grace-ms: must not be negative");
        }
        kafkaSettings = new KafkaConnection(bootstrap, kafkaSettings).settings();
    }

    public static BridgeConfig defaults() {
        return fromMap(Map.of());
    }

    public static BridgeConfig fromMap(Map<String, String> map) {
        for (String k : map.keySet()) {
            if (!KEYS.contains(k) && !k.startsWith(KafkaConnection.PREFIX)) {
                throw new IllegalArgumentException("unknown bridge setting '" + k + "'; known: " + KEYS + " and kafka.*");
            }
        }
        Map<String, String> m = new HashMap<>(map);
        m.values().removeIf(v -> v == null || v.isBlank());
        return new BridgeConfig(
            m.getOrDefault("bootstrap", KafkaBootstrap.LOCAL),
            m.getOrDefault("topic-prefix", "pxeflow."),
            Path.of(m.getOrDefault("spool", "/var/spool/pxeflow")),
            path(m.get("dnsmasq-log")),
            path(m.get("dhcpd-log")),
            path(m.get("tftpd-log")),
            path(m.get("kea-log")),
            m.get("server"),
            Arrays.stream(m.getOrDefault("tftp-roots", "/srv/tftp,/var/lib/tftpboot,/tftpboot").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList(),
            number(m, "spool-max-events", 100_000),
            number(m, "spool-max-bytes", 64L * 1024 * 1024),
            bool(m, "spool-fsync", true),
            Duration.ofMillis(number(m, "poll-ms", 200)),
            bool(m, "from-start", false),
            ZoneId.of(m.getOrDefault("zone", ZoneId.systemDefault().getId())),
            Duration.ofMillis(number(m, "tftpd-window-ms", 2000)),
            Duration.ofMillis(number(m, "kafka-timeout-ms", 5000)),
            Duration.ofMillis(number(m, "kafka-retry-max-ms", 30_000)),
            // As long as the controller's default transaction timeout: a killed controller's nodes,
            // and the addresses it would publish for them, stall about that long.
            Duration.ofMillis(number(m, "discovery-grace-ms", 10_000)),
            KafkaConnection.fromPrefixed(m, Set.of()));
    }

    /** Where Kafka is and how the bridge authenticates to it. */
    public KafkaConnection kafka() {
        return new KafkaConnection(bootstrap, kafkaSettings);
    }

    /** A copy pointing at another Kafka cluster (used when the operator fixes a wrong address). */
    public BridgeConfig withBootstrap(String newBootstrap) {
        return new BridgeConfig(newBootstrap, topicPrefix, spoolDir, dnsmasqLog, dhcpdLog, tftpdLog, keaLog, server,
            tftpRoots, spoolMaxEvents, spoolMaxBytes, spoolFsync, pollInterval, fromStart, zone, tftpdWindow,
            kafkaTimeout, kafkaRetryMax, discoveryGrace, kafkaSettings);
    }

    public Path incomingDir() {
        return spoolDir.resolve("incoming");
    }

    public Path outboxDir() {
        return spoolDir.resolve("outbox");
    }

    public Path heldDir() {
        return spoolDir.resolve("held");
    }

    public Path positionsDir() {
        return spoolDir.resolve("positions");
    }

    private static Path path(String v) {
        return v == null ? null : Path.of(v);
    }

    private static long number(Map<String, String> m, String key, long dflt) {
        String v = m.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: " + v);
        }
    }

    private static boolean bool(Map<String, String> m, String key, boolean dflt) {
        String v = m.get(key);
        if (v == null) {
            return dflt;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(key + ": not a boolean: " + v);
        };
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be positive");
        }
    }
}
