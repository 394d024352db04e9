package io.pxeflow.headnode;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.generator.worker.GeneratorWorker;
import io.pxeflow.inventory.InventoryException;
import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import io.pxeflow.protocol.AccessPolicy;
import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    @Option(names = "--http-host", defaultValue = "127.0.0.1", description = "Admin API address (default ${DEFAULT-VALUE}); "
        + "also the node-facing listener's unless --boot-host is given: on a real head node give its address on the "
        + "cluster network (or 0.0.0.0, and nodes use the inventory's: each subnet's ipxe, else the master)")
    String httpHost;
    @Option(names = "--boot-host", description = "Node-facing listener address, iPXE scripts only (default: --http-host)")
    String bootHost;
    @Option(names = "--boot-port", defaultValue = "8088", description = "Node-facing listener port (default ${DEFAULT-VALUE})")
    int bootPort;
    @Option(names = "--secure", description = {"The embedded broker speaks SASL_SSL (SCRAM-SHA-512) and mTLS with ACLs, each "
        + "process as its own principal; the API is HTTPS. Credentials and certificates under DATA/secure (docs/security.md)."})
    boolean secure;
    @Option(names = "--bootstrap", description = "Use this external Kafka cluster instead of the embedded broker")
    String bootstrap;
    @Option(names = "--kafka-config", paramLabel = "FILE",
        description = "With --bootstrap: Kafka client settings for the external cluster (default: $PXEFLOW_KAFKA_CONFIG)")
    Path kafkaConfig;
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
        if (secure && bootstrap != null) {
            System.err.println("up: --secure secures the embedded broker; for an external cluster give its settings with "
                + "--kafka-config (docs/security.md)");
            return 2;
        }
        DataDirLock lock = DataDirLock.acquire(dataDir);
        if (lock == null) {
            System.err.println("pxeflow: another `pxeflow up` is using " + dataDir
                + "; stop it first, or start this one with its own --data DIR");
            return 1;
        }
        Path kafkaLog = dataDir.resolve("logs").resolve("kafka.log");
        KafkaLogFile.redirect(kafkaLog);
        EmbeddedKafkaBroker broker = null;
        KafkaConnection controllerKafka;
        KafkaConnection generatorKafka;
        KafkaConnection powerKafka;
        SecureSetup secured = secure ? SecureSetup.prepare(dataDir.resolve("secure")) : null;
        if (bootstrap == null) {
            EmbeddedKafkaBroker.Builder b = EmbeddedKafkaBroker.builder().dataDir(dataDir.resolve("kafka"));
            if (kafkaPort != 0) {
                // A fixed port is for nodes on other machines: listen everywhere, advertise a reachable name.
                b.port(kafkaPort).listenHost("0.0.0.0")
                    .advertisedHost(kafkaHost != null ? kafkaHost : java.net.InetAddress.getLocalHost().getHostName());
                if (secure) {
                    b.mtlsPort(kafkaPort + 1);
                }
            }
            if (secured != null) {
                b.secure(secured.tlsDir(), secured.users());
            }
            try {
                broker = b.build().start();
            } catch (RuntimeException e) {
                System.err.println("pxeflow: the embedded Kafka broker did not start: " + rootMessage(e)
                    + "\n  details: " + kafkaLog);
                return 1;
            }
            if (secured != null) {
                // The same ACLs `pxeflow acls --apply` creates on a real cluster; --prune keeps them exactly the list.
                AclInstaller.apply(broker.adminConnection(), AccessPolicy.of(Topics.defaults()), true);
                secured.writeClientFiles(broker);
                controllerKafka = broker.userConnection(AccessPolicy.CONTROLLER);
                generatorKafka = broker.userConnection(AccessPolicy.GENERATOR);
                powerKafka = broker.userConnection(AccessPolicy.POWER);
            } else {
                controllerKafka = KafkaConnection.plain(broker.bootstrapServers());
                generatorKafka = controllerKafka;
                powerKafka = controllerKafka;
            }
        } else {
            controllerKafka = KafkaConnection.resolve(bootstrap, kafkaConfig, Map.of(), Set.of(), System.getenv());
            generatorKafka = controllerKafka;
            powerKafka = controllerKafka;
        }
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap", controllerKafka.bootstrap());
        controllerKafka.settings().forEach((k, v) -> m.put(KafkaConnection.PREFIX + k, v));
        m.put("http.port", Integer.toString(httpPort));
        m.put("http.host", httpHost);
        m.put("boot.host", bootHost != null ? bootHost : httpHost);
        m.put("boot.port", Integer.toString(bootPort));
        m.put("state.dir", dataDir.resolve("controller").toString());
        m.put("token.admin.admin", AdminToken.loadOrCreate(dataDir.resolve("admin.token")));
        m.put("token.read.read", AdminToken.loadOrCreate(dataDir.resolve("read.token")));
        m.put("instance.id", "controller-1");
        if (secured != null) {
            Path[] tls = secured.issueApiCertificate(broker.certificateAuthority(), apiHosts());
            m.put("http.tls.cert", tls[0].toString());
            m.put("http.tls.key", tls[1].toString());
        }
        PrometheusMeterRegistry registry = ControllerApp.newRegistry();
        ControllerApp controller;
        try {
            controller = new ControllerApp(ControllerConfig.fromMap(m), registry).holdReadiness().start();
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            System.err.println("pxeflow: the controller did not start: Kafka at " + controllerKafka.describe()
                + " did not answer (" + rootMessage(e) + ")\n  details: " + kafkaLog);
            return 1;
        }
        String scheme = secured != null ? "https" : "http";
        String apiUrl = scheme + "://" + httpHost + ":" + controller.httpPort();
        // bin/ctl finds the API here (as it finds admin.token), whatever port or scheme it is on.
        Files.writeString(dataDir.resolve("api.url"), apiUrl + "\n");
        // iPXE nodes fetch their script from the address the node listener is bound to; a wildcard
        // or loopback bind tells them nothing, and the inventory's address is used (each subnet's
        // ipxe, else the master's address, where the head node answers on the cluster network).
        String boot = bootHost != null ? bootHost : httpHost;
        boolean specific = !"0.0.0.0".equals(boot) && !boot.startsWith("127.") && !"localhost".equals(boot);
        GeneratorWorker generator = GeneratorLauncher.start(generatorKafka, Topics.DEFAULT_PREFIX, dataDir,
            specific ? boot : null, controller.bootPort(), registry, Map.of());
        AutoCloseable power = PowerLauncher.start(powerKafka, Topics.DEFAULT_PREFIX, bmcCredentials, registry);
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
        } catch (InventoryException e) {
            // The admin's file, refused line by line: say so plainly; nothing was imported.
            System.err.println("pxeflow: " + example + " cannot be imported, nothing was: " + e.getMessage());
            System.exit(1);
        } finally {
            controller.releaseReadiness();
        }
        while (!controller.ready()) {
            Thread.sleep(100);
        }
        String someNode = controller.view().nodes().stream().map(n -> n.name()).sorted().findFirst().orElse(null);
        System.out.print(new UpBanner((System.nanoTime() - t0) / 1e9, apiUrl,
            "http://" + boot + ":" + controller.bootPort(), controllerKafka.describe(), dataDir,
            Path.of("var").toAbsolutePath().equals(dataDir), kafkaLog, someNode,
            secured == null ? null : "CA " + broker.certificateAuthority().certificatePem() + ", Kafka client settings in "
                + secured.clientFile(SecureSetup.ADMIN).getParent() + ", ACLs: bin/pxeflow acls").text());
        System.out.flush();
        while (!stopped.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (!generator.alive()) {
                // The inventory's network cannot be served here (an interface no longer on it).
                System.err.println("pxeflow: the generator stopped: " + generator.failure().orElse("see the log"));
                System.exit(1);
            }
        }
        lock.close();
        return 0;
    }
    /** Names the HTTPS certificate is valid for: loopback, this host, and the address the API binds. */
    private List<String> apiHosts() {
        java.util.LinkedHashSet<String> hosts = new java.util.LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        try {
            hosts.add(java.net.InetAddress.getLocalHost().getHostName());
        } catch (java.io.IOException e) {
            LOG.debug("no host name for the API certificate: {}", e.toString());
        }
        if (!"0.0.0.0".equals(httpHost)) {
            hosts.add(httpHost);
        }
        return List.copyOf(hosts);
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
            LOG.warn("stopping a worker failed", e);
        }
    }
}
