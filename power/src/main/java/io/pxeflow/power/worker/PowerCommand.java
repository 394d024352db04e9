package io.pxeflow.power.worker;

import io.pxeflow.generator.worker.SettingsFile;
import io.pxeflow.metrics.WorkerDaemon;
import io.pxeflow.protocol.KafkaBootstrap;
import io.pxeflow.protocol.KafkaConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pxeflow power}: runs one power worker until stopped. Settings come from {@code --config
 * FILE} (properties, keys as in {@link PowerSettings#KEYS}), then the flags, which win. This is
 * the only place that reads files or the environment to build settings.
 */
@Command(name = "power", mixinStandardHelpOptions = true,
    description = "Do the power requests (status, on, off, cycle, reset, PXE once) of the nodes this head node's BMC "
        + "network reaches: IPMI through ipmitool, Redfish over HTTPS; results to the power-status topic.")
public final class PowerCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", description = KafkaBootstrap.HELP)
    String bootstrap;

    @Option(names = "--config", description = "properties file of power worker settings (kafka.* keys: Kafka client settings)")
    Path config;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = KafkaConnection.CONFIG_HELP)
    Path kafkaConfig;

    @Option(names = "--id", description = "worker id: consumer group and name on results (setting power.id)")
    String id;

    @Option(names = "--node-filter", paramLabel = "REGEX", description = "act only for these nodes, e.g. 'rack1-n[0-9]+' "
        + "(setting node.filter)")
    String nodeFilter;

    @Option(names = "--credentials-dir", paramLabel = "DIR", description = "setting bmc.credentials-dir")
    Path credentialsDir;

    @Option(names = "--metrics-port", description = "serve /metrics, /healthz and /readyz on this port (0: off)",
        defaultValue = "0")
    int metricsPort;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The picocli command with the settings table in its help, for mounting under {@code pxeflow}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PowerCommand());
        cl.getCommandSpec().usageMessage().footer("", "Settings (--config FILE, Java properties):",
            PowerSettings.describeKeys().replace("%", "%%"));
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        PowerSettings settings;
        KafkaConnection kafka;
        try {
            Map<String, String> m = settingsMap();
            settings = PowerSettings.fromMap(m);
            kafka = KafkaConnection.resolve(bootstrap, kafkaConfig, m, Set.of(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("power: invalid setting " + e.getMessage());
            return 2;
        }
        return WorkerDaemon.run("power", metricsPort, "power requests topic not assigned or Kafka unreachable",
            registry -> new PowerWorker(kafka.asMap(), settings, registry, java.time.Clock.systemUTC()));
    }

    Map<String, String> settingsMap() throws IOException {
        Map<String, String> m = SettingsFile.read(config);
        if (id != null) {
            m.put("power.id", id);
        }
        if (nodeFilter != null) {
            m.put("node.filter", nodeFilter);
            m.remove("node.names");
        }
        if (credentialsDir != null) {
            m.put("bmc.credentials-dir", credentialsDir.toAbsolutePath().toString());
        }
        return m;
    }
}
