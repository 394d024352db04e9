package io.pxeflow.headnode;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import io.pxeflow.protocol.Topics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The all-in-one head node: a real Kafka broker in this JVM (unless {@code --bootstrap}), a
 * controller, a generator worker and a power worker, all state under {@code --data}. Ctrl-C stops it cleanly; the
 * next start finds the same state.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the all-in-one head node: embedded Kafka, controller, generator, power worker, example cluster.")
public final class UpCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);

    @Option(names = "--data", defaultValue = "var", description = "State directory (default ${DEFAULT-VALUE})")
    Path data;
    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE})")
    int httpPort;
    @Option(names = "--http-host", defaultValue = "127.0.0.1", description = "HTTP address (default ${DEFAULT-VALUE})")
    String httpHost;
    @Option(names = "--bootstrap", description = "Use this external Kafka cluster instead of the embedded broker")
    String bootstrap;
    @Option(names = "--kafka-port", defaultValue = "0",
        description = "Fixed port for the embedded broker, listening on all interfaces (default: a free loopback port)")
    int kafkaPort;
    @Option(names = "--kafka-host", description = "Address reporters and bridges use to reach the embedded broker")
    String kafkaHost;
    @Option(names = "--bmc-credentials", defaultValue = "/etc/pxeflow/bmc", paramLabel = "DIR",
        description = "Where the power worker reads BMC credentials files (NAME: username=, password=; mode 0600) "
            + "(default ${DEFAULT-VALUE})")
    Path bmcCredentials;
    @Option(names = "--example", defaultValue = "examples/cluster.conf",
        description = "Inventory loaded when the cluster is empty (default ${DEFAULT-VALUE}); 'none' to skip")
    String example;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path dataDir = data.toAbsolutePath();
        EmbeddedKafkaBroker broker = null;
        String kafka = bootstrap;
        if (kafka == null) {
            EmbeddedKafkaBroker.Builder b = EmbeddedKafkaBroker.builder().dataDir(dataDir.resolve("kafka"));
            if (kafkaPort != 0) {
                // A fixed port is for nodes on other machines: listen everywhere, advertise a reachable name.
                b.port(kafkaPort).listenHost("0.0.0.0")
                    .advertisedHost(kafkaHost != null ? kafkaHost : java.net.InetAddress.getLocalHost().getHostName());
            }
            broker = b.build().start();
            kafka = broker.bootstrapServers();
        }
        String token = AdminToken.loadOrCreate(dataDir.resolve("admin.token"));
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap", kafka);
        m.put("http.port", Integer.toString(httpPort));
        m.put("http.host", httpHost);
        m.put("state.dir", dataDir.resolve("controller").toString());
        m.put("admin.token", token);
        m.put("instance.id", "controller-1");
        PrometheusMeterRegistry registry = ControllerApp.newRegistry();
        ControllerApp controller = new ControllerApp(ControllerConfig.fromMap(m), registry).holdReadiness().start();
        // iPXE expands ${next-server} in the DHCP filename: nodes reach the head node where they
        // reach TFTP, which a wildcard or loopback bind address would not tell them.
        boolean specific = !"0.0.0.0".equals(httpHost) && !httpHost.startsWith("127.") && !"localhost".equals(httpHost);
        String ipxeUrl = "http://" + (specific ? httpHost : "${next-server}") + ":"
            + controller.httpPort() + "/boot/ipxe?mac=${net0/mac}";
        AutoCloseable generator = GeneratorLauncher.start(kafka, dataDir, ipxeUrl, registry);
        AutoCloseable power = PowerLauncher.start(kafka, Topics.DEFAULT_PREFIX, bmcCredentials, registry);
        EmbeddedKafkaBroker ownedBroker = broker;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping pxeflow");
            closeQuietly(power);
            closeQuietly(generator);
            controller.close();
            if (ownedBroker != null) {
                ownedBroker.stop();
            }
            stopped.countDown();
        }, "pxeflow-stop"));
        try {
            if (!"none".equals(example)) {
                controller.importIfEmpty(Path.of(example), 60_000);
            }
        } finally {
            controller.releaseReadiness();
        }
        while (!controller.ready()) {
            Thread.sleep(100);
        }
        System.out.printf("%npxeflow is up in %.1f s%n  API      http://%s:%d/api/v1/nodes%n  metrics  http://%s:%d/metrics%n"
                + "  kafka    %s%n  data     %s (generated files in %s)%n  token    %s%n  try      bin/ctl nodes%n%n",
            (System.nanoTime() - t0) / 1e9, httpHost, controller.httpPort(), httpHost, controller.httpPort(), kafka, dataDir,
            dataDir.resolve("generated"), dataDir.resolve("admin.token"));
        stopped.await();
        return 0;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("stopping a worker failed", e);
        }
    }
}
