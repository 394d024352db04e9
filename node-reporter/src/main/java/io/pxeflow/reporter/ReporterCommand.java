package io.pxeflow.reporter;

import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.reporter.ReporterConfig.ConfigException;
import io.pxeflow.reporter.collect.Hostname;
import io.pxeflow.reporter.collect.ProcFs;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reporter}: the node-side process. Without a mode flag it reports until stopped;
 * {@code --once} prints one heartbeat as JSON; {@code --install-complete} sends the installer's
 * signal and exits 0 when the broker acknowledged it, 1 when not. Settings come from the config
 * file ({@code /etc/pxeflow/reporter.properties} when present) and flags, flags winning.
 */
@Command(name = "reporter", mixinStandardHelpOptions = true, versionProvider = ReporterCommand.VersionProvider.class,
    sortOptions = false,
    description = "Publish this node's heartbeat (load, CPU, memory, filesystems, network) to Kafka.",
    footer = {"", "Exit status: 0 success, 1 not acknowledged (--install-complete), 2 bad settings.",
        "Config file keys: bootstrap, node, interval, topic.prefix, buffer.samples, ack.timeout, producer, kafka.<producer key>."})
public final class ReporterCommand implements Callable<Integer> {
    public static final Path DEFAULT_CONFIG = Path.of("/etc/pxeflow/reporter.properties");

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file (default ${DEFAULT-VALUE} when it exists).")
    Path config;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--interval", paramLabel = "SECONDS",
        description = "Seconds between heartbeats (default " + ReporterConfig.DEFAULT_INTERVAL + ").")
    Integer interval;

    @Option(names = "--node", paramLabel = "NAME", description = "Node name (default: the host name up to the first dot).")
    String node;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Topic prefix (default pxeflow.).")
    String topicPrefix;

    @Option(names = "--buffer", paramLabel = "N",
        description = "Samples kept while Kafka is unreachable (default " + ReporterConfig.DEFAULT_BUFFER + ").")
    Integer buffer;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
        description = "Kafka producer property, e.g. security.protocol=SASL_SSL (repeatable; wins over the file).")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--kafka-config", paramLabel = "FILE",
        description = "Kafka client settings file (security.protocol, sasl.*, ssl.*; keys plain or kafka.-prefixed), "
            + "between the config file and --kafka-property (default: $PXEFLOW_KAFKA_CONFIG).")
    Path kafkaConfig;

    @Option(names = "--producer", paramLabel = "auto|lean|java",
        description = "Kafka client for heartbeats: the built-in plaintext one (lean), the Kafka Java client (java), "
            + "or lean unless a kafka property needs the Java client (auto, the default).")
    String producer;

    @Option(names = "--install-complete", description = "Send the install-finished signal once, wait for the ack, exit.")
    boolean installComplete;

    @Option(names = "--ack-timeout", paramLabel = "SECONDS",
        description = "How long --install-complete waits for the ack (default " + ReporterConfig.DEFAULT_ACK_TIMEOUT + ").")
    Integer ackTimeout;

    @Option(names = "--once", description = "Print one heartbeat as JSON to stdout and exit (no Kafka needed).")
    boolean once;

    @Option(names = "--root", paramLabel = "DIR", hidden = true,
        description = "Read /proc and /sys under DIR (fixtures, containers).")
    Path root;

    /** Where the implicit config file is looked for; tests point it elsewhere. */
    Path defaultConfig = DEFAULT_CONFIG;
    /** The environment's PXEFLOW_KAFKA_* settings apply under the files; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ReporterConfig cfg;
        String name;
        try {
            cfg = ReporterConfig.fromMap(settings());
            name = cfg.node() != null ? cfg.node() : Hostname.read(new ProcFs(cfg.root()));
            if (name == null || (name.equals("localhost") && cfg.node() == null)) {
                throw new ConfigException("cannot tell this node's name from its host name ("
                    + (name == null ? "none" : name) + "): pass --node NAME or set node= in the config file");
            }
            if (installComplete && once) {
                throw new ConfigException("--once and --install-complete do not go together");
            }
            if (!once) {
                cfg.requireBootstrap();
            }
            if (!once && !installComplete) {
                ProducerChoice.decide(cfg);
            }
        } catch (ConfigException e) {
            err.println("reporter: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (once) {
            return printOnce(cfg, name);
        }
        if (installComplete) {
            return InstallComplete.send(cfg, name) ? 0 : 1;
        }
        return runUntilStopped(cfg, name);
    }

    /** The config file's keys, then the flags over them. */
    Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        KafkaConnection.fromEnvironment(env).forEach((k, v) -> m.put(ReporterConfig.KAFKA_PREFIX + k, v));
        Path file = config != null ? config : (Files.isRegularFile(defaultConfig) ? defaultConfig : null);
        if (file != null) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        }
        Path kafkaFile = kafkaConfig != null ? kafkaConfig
            : env.get(KafkaConnection.CONFIG_ENV) == null ? null : Path.of(env.get(KafkaConnection.CONFIG_ENV));
        if (kafkaFile != null) {
            try {
                KafkaConnection.readFile(kafkaFile).forEach((k, v) -> m.put(ReporterConfig.KAFKA_PREFIX + k, v));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        put(m, ReporterConfig.BOOTSTRAP, bootstrap);
        put(m, ReporterConfig.INTERVAL, interval);
        put(m, ReporterConfig.NODE, node);
        put(m, ReporterConfig.TOPIC_PREFIX, topicPrefix);
        put(m, ReporterConfig.BUFFER, buffer);
        put(m, ReporterConfig.ACK_TIMEOUT, ackTimeout);
        put(m, ReporterConfig.ROOT, root);
        put(m, ReporterConfig.PRODUCER, producer);
        kafkaProperties.forEach((k, v) -> m.put(ReporterConfig.KAFKA_PREFIX + k, v));
        return m;
    }

    private static void put(Map<String, String> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }

    private int printOnce(ReporterConfig cfg, String name) {
        Sampler sampler = Sampler.of(cfg, name);
        sampler.prime();
        try {
            // A short gap gives busy/iowait fractions a meaning without making the admin wait.
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Heartbeat hb = sampler.sample();
        PrintWriter out = spec.commandLine().getOut();
        out.println(HeartbeatJson.encodeToString(hb));
        out.flush();
        return 0;
    }

    private static int runUntilStopped(ReporterConfig cfg, String name) {
        HeartbeatLoop loop = HeartbeatLoop.start(cfg, name);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            loop.close();
            stopped.countDown();
        }, "pxeflow-reporter-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** --version prints the reporter's build version. */
    static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pxeflow reporter " + Version.REPORTER};
        }
    }
}
