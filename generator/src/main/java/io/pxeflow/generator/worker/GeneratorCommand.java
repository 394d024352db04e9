package io.pxeflow.generator.worker;

import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.generator.render.InvalidSettingException;
import io.pxeflow.generator.render.NetworkContradiction;
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
 * {@code pxeflow generator}: runs one generator worker until stopped. Settings come from
 * {@code --config FILE} (properties, keys as in {@link GeneratorSettings#KEYS}), then the flags,
 * which win. This is the only place that reads files or the environment to build settings.
 */
@Command(name = "generator", mixinStandardHelpOptions = true,
    description = "Render DHCP (dhcpd, dnsmasq, Kea), PXE (pxelinux, iPXE, GRUB), hosts, ethers, exports and "
        + "overlays from the pxeflow config topic, reload the services, and report what was applied.")
public final class GeneratorCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", description = KafkaBootstrap.HELP)
    String bootstrap;

    @Option(names = "--output", description = "output directory (setting output.dir)")
    Path output;

    @Option(names = "--config", description = "properties file of generator settings (kafka.* keys: Kafka client settings)")
    Path config;

    @Option(names = "--kafka-config", paramLabel = "FILE", description = KafkaConnection.CONFIG_HELP)
    Path kafkaConfig;

    @Option(names = "--id", description = "generator id: consumer group and config-status name (setting generator.id)")
    String id;

    @Option(names = "--metrics-port", description = "serve /metrics, /healthz and /readyz on this port (0: off)", defaultValue = "0")
    int metricsPort;


    public static void main(String[] args) {
        CommandLine cl = commandLine();
        System.exit(cl.execute(args));
    }

    /** The picocli command with the settings table in its help, for mounting under {@code pxeflow}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new GeneratorCommand());
        cl.getCommandSpec().usageMessage().footer("", "Settings (--config FILE, Java properties):",
            GeneratorSettings.describeKeys().replace("%", "%%"));
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        GeneratorSettings settings;
        KafkaConnection kafka;
        try {
            Map<String, String> m = settingsMap();
            settings = GeneratorSettings.fromMap(m);
            kafka = KafkaConnection.resolve(bootstrap, kafkaConfig, m, Set.of(), System.getenv());
        } catch (InvalidSettingException e) {
            System.err.println("generator: invalid setting " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("generator: " + e.getMessage());
            return 2;
        }
        try {
            return WorkerDaemon.run("generator", metricsPort, "config topic not replayed or Kafka unreachable",
                registry -> new GeneratorWorker(kafka, settings, registry, java.time.Clock.systemUTC()));
        } catch (NetworkContradiction e) {
            System.err.println("generator: the settings contradict the network: " + e.getMessage());
            return 2;
        }
    }

    Map<String, String> settingsMap() throws IOException {
        Map<String, String> m = SettingsFile.read(config);
        if (output != null) {
            m.put("output.dir", output.toAbsolutePath().toString());
        }
        if (id != null) {
            m.put("generator.id", id);
        }
        return m;
    }
}
