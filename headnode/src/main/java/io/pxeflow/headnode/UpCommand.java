package io.pxeflow.headnode;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
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
 * controller and a generator worker, all state under {@code --data}. Ctrl-C stops it cleanly; the
 * next start finds the same state.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the all-in-one head node: embedded Kafka, controller, generator, example cluster.")
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
    @Option(names = "--example", defaultValue = "examples/cluster.conf",
        description = "Inventory loaded when the cluster is empty (default ${DEFAULT-VALUE}); 'none' to skip")
    String example;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path dataDir = data.toAbsolutePath();
        DataDirLock lock = DataDirLock.acquire(dataDir);
        if (lock == null) {
            System.err.println("pxeflow: another `pxeflow up` is using " + dataDir
                + "; stop it first, or start this one with its own --data DIR");
            return 1;
        }
        Path kafkaLog = dataDir.resolve("logs").resolve("kafka.log");
        KafkaLogFile.redirect(kafkaLog);
        EmbeddedKafkaBroker broker = null;
        String kafka = bootstrap;
        if (kafka == null) {
            EmbeddedKafkaBroker.Builder b = EmbeddedKafkaBroker.builder().dataDir(dataDir.resolve("kafka"));
            if (kafkaPort != 0) {
                // A fixed port is for nodes on other machines: listen everywhere, advertise a reachable name.
                b.port(kafkaPort).listenHost("0.0.0.0")
                    .advertisedHost(kafkaHost != null ? kafkaHost : java.net.InetAddress.getLocalHost().getHostName());
            }
            try {
                broker = b.build().start();
            } catch (RuntimeException e) {
                System.err.println("pxeflow: the embedded Kafka broker did not start: " + rootMessage(e)
                    + "\n  details: " + kafkaLog);
                return 1;
            }
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
        ControllerApp controller;
        try {
            controller = new ControllerApp(ControllerConfig.fromMap(m), registry).holdReadiness().start();
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            System.err.println("pxeflow: the controller did not start: Kafka at " + kafka + " did not answer ("
                + rootMessage(e) + ")\n  details: " + kafkaLog);
            return 1;
        }
        // iPXE expands ${next-server} in the DHCP filename: nodes reach the head node where they
        // reach TFTP, which a wildcard or loopback bind address would not tell them.
        boolean specific = !"0.0.0.0".equals(httpHost) && !httpHost.startsWith("127.") && !"localhost".equals(httpHost);
        String ipxeUrl = "http://" + (specific ? httpHost : "${next-server}") + ":"
            + controller.httpPort() + "/boot/ipxe?mac=${net0/mac}";
        AutoCloseable generator = GeneratorLauncher.start(kafka, dataDir, ipxeUrl, registry);
        EmbeddedKafkaBroker ownedBroker = broker;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping pxeflow");
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
        String someNode = controller.view().nodes().stream().map(n -> n.name()).sorted().findFirst().orElse(null);
        System.out.print(new UpBanner((System.nanoTime() - t0) / 1e9, "http://" + httpHost + ":" + controller.httpPort(),
            kafka, dataDir, Path.of("var").toAbsolutePath().equals(dataDir), kafkaLog, someNode).text());
        System.out.flush();
        stopped.await();
        lock.close();
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("stopping the generator failed", e);
        }
    }
}
