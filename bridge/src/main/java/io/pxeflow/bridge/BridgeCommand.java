package io.pxeflow.bridge;

import io.pxeflow.metrics.WorkerDaemon;
import io.pxeflow.protocol.KafkaBootstrap;
import io.pxeflow.protocol.KafkaConnection;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pxeflow bridge}: run the DHCP/TFTP bridge in the foreground until stopped. Options
 * override the base settings given to the constructor (which {@link #main} fills from
 * {@code PXEFLOW_BRIDGE_*} variables), which override {@link BridgeConfig#defaults()}.
 */
@Command(name = "bridge", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Turns what dnsmasq, ISC dhcpd, Kea and tftpd-hpa do into pxeflow.dhcp and pxeflow.pxe events.",
        "Follows the given log files and the hook spool (SPOOL/incoming, written by pxeflow-dnsmasq-hook);",
        "keeps events in SPOOL/outbox while Kafka is unreachable and delivers them in order later."})
public final class BridgeCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = KafkaBootstrap.HELP)
    String bootstrap;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "topic prefix (default pxeflow.)")
    String topicPrefix;

    @Option(names = "--spool", paramLabel = "DIR", description = "spool directory (default /var/spool/pxeflow)")
    Path spool;

    @Option(names = "--dnsmasq-log", paramLabel = "FILE", description = "dnsmasq log (log-dhcp) to follow")
    Path dnsmasqLog;

    @Option(names = "--dhcpd-log", paramLabel = "FILE", description = "syslog file with ISC dhcpd lines")
    Path dhcpdLog;

    @Option(names = "--tftpd-log", paramLabel = "FILE", description = "syslog file with tftpd-hpa lines (in.tftpd -v)")
    Path tftpdLog;

    @Option(names = "--kea-log", paramLabel = "FILE", description = "Kea DHCPv4 log file")
    Path keaLog;

    @Option(names = "--server", paramLabel = "NAME", description = "this server's name, carried in every event")
    String server;

    @Option(names = "--tftp-root", paramLabel = "DIR", split = ",",
        description = "TFTP root(s) stripped from logged paths (default /srv/tftp,/var/lib/tftpboot,/tftpboot)")
    String[] tftpRoots;

    @Option(names = "--from-start", description = "read logs without a saved position from the start, not the end")
    boolean fromStart;

    @Option(names = "--discovery-grace-ms", paramLabel = "MS",
        description = "how long an event of a client no node owns waits for a node added a moment ago (default 10000)")
    Long discoveryGraceMs;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = KafkaConnection.CONFIG_HELP)
    Path kafkaConfig;

    /** The base settings' key for the Kafka settings file named by the environment. */
    private static final String KAFKA_CONFIG_KEY = "kafka-config";

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:PXEFLOW_BRIDGE_METRICS_PORT:-0}",
        description = "serve /metrics, /healthz and /readyz on this port (default $PXEFLOW_BRIDGE_METRICS_PORT, else 0: off)")
    int metricsPort;

    private final Map<String, String> base;
    private final CountDownLatch stop = new CountDownLatch(1);

    public BridgeCommand() {
        this(Map.of());
    }

    /** @param base settings under {@link BridgeConfig#KEYS} that options override */
    public BridgeCommand(Map<String, String> base) {
        this.base = Map.copyOf(base);
    }

    /** The configuration these options describe. */
    public BridgeConfig toConfig() {
        Map<String, String> m = new HashMap<>(base);
        put(m, "bootstrap", bootstrap);
        put(m, "topic-prefix", topicPrefix);
        put(m, "spool", spool);
        put(m, "dnsmasq-log", dnsmasqLog);
        put(m, "dhcpd-log", dhcpdLog);
        put(m, "tftpd-log", tftpdLog);
        put(m, "kea-log", keaLog);
        put(m, "server", server);
        put(m, "tftp-roots", tftpRoots == null ? null : String.join(",", tftpRoots));
        if (fromStart) {
            m.put("from-start", "true");
        }
        put(m, "discovery-grace-ms", discoveryGraceMs);
        // The file named by --kafka-config, else by $PXEFLOW_KAFKA_CONFIG, read when the bridge runs.
        String kafkaFile = m.remove(KAFKA_CONFIG_KEY);
        Path file = kafkaConfig != null ? kafkaConfig : kafkaFile == null ? null : Path.of(kafkaFile);
        if (file != null) {
            KafkaConnection.readFile(file).forEach((k, v) -> m.put(KafkaConnection.PREFIX + k, v));
        }
        return BridgeConfig.fromMap(m);
    }

    /** Ends a running {@link #call()} (for in-process use; a signal does the same via the shutdown hook). */
    public void stop() {
        stop.countDown();
    }

    @Override
    public Integer call() throws Exception {
        BridgeConfig config;
        try {
            config = toConfig();
        } catch (IllegalArgumentException e) {
            System.err.println("bridge: " + e.getMessage());
            return 2;
        }
        BridgeConfig bridge = config;
        return WorkerDaemon.run("bridge", metricsPort, "Kafka refused the last delivery or events wait in the outbound spool",
            stop, registry -> {
                BridgeDaemon daemon = new BridgeDaemon(bridge);
                BridgeMeters.bind(daemon.metrics(), registry);
                return daemon;
            });
    }

    private static void put(Map<String, String> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }

    /**
     * The only place the environment is read: {@code PXEFLOW_BRIDGE_<KEY>} (key upper-cased,
     * dashes as underscores, e.g. {@code PXEFLOW_BRIDGE_SPOOL}), {@code PXEFLOW_BOOTSTRAP}, and the
     * Kafka client settings ({@code PXEFLOW_KAFKA_*}, {@code PXEFLOW_KAFKA_CONFIG}; see {@link KafkaConnection}).
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BridgeCommand(fromEnvironment(System.getenv()))).execute(args));
    }

    public static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> m = new HashMap<>();
        KafkaConnection.fromEnvironment(env).forEach((k, v) -> m.put(KafkaConnection.PREFIX + k, v));
        if (env.get(KafkaConnection.CONFIG_ENV) != null && !env.get(KafkaConnection.CONFIG_ENV).isBlank()) {
            m.put(KAFKA_CONFIG_KEY, env.get(KafkaConnection.CONFIG_ENV).trim());
        }
        if (env.get("PXEFLOW_BOOTSTRAP") != null) {
            m.put("bootstrap", env.get("PXEFLOW_BOOTSTRAP"));
        }
        for (String key : BridgeConfig.KEYS) {
            String v = env.get("PXEFLOW_BRIDGE_" + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            if (v != null) {
                m.put(key, v);
            }
        }
        return m;
    }
}
