package io.pxeflow.generator.worker;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.generator.render.InvalidSettingException;
import io.pxeflow.protocol.KafkaBootstrap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    @Option(names = "--config", description = "properties file of generator settings")
    Path config;

    @Option(names = "--id", description = "generator id: consumer group and config-status name (setting generator.id)")
    String id;

    @Option(names = "--metrics-port", description = "serve /metrics, /healthz and /readyz on this port (0: off)", defaultValue = "0")
    int metricsPort;

    private final CountDownLatch stop = new CountDownLatch(1);

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
        try {
            settings = GeneratorSettings.fromMap(settingsMap());
        } catch (InvalidSettingException e) {
            System.err.println("generator: invalid setting " + e.getMessage());
            return 2;
        }
        String servers = KafkaBootstrap.resolve(bootstrap, System.getenv());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (GeneratorWorker worker = new GeneratorWorker(servers, settings, registry);
             MetricsServer metrics = metricsPort > 0 ? new MetricsServer(metricsPort, registry, worker::ready) : null) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "generator-shutdown"));
            worker.start();
            stop.await();
        }
        return 0;
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
