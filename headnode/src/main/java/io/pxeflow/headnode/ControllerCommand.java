package io.pxeflow.headnode;

import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.protocol.KafkaBootstrap;
import io.pxeflow.protocol.KafkaConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one controller instance against an existing Kafka cluster. */
@Command(name = "controller", mixinStandardHelpOptions = true,
    description = "Run a controller instance (state machine, REST API, /metrics) against a Kafka cluster.")
public final class ControllerCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", description = KafkaBootstrap.HELP)
    String bootstrap;
    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE})")
    int httpPort;
    @Option(names = "--http-host", defaultValue = "127.0.0.1",
        description = "Admin API address (default ${DEFAULT-VALUE}); any other needs a token")
    String httpHost;
    @Option(names = "--boot-host", description = "Node-facing listener address, iPXE scripts only (default: --http-host)")
    String bootHost;
    @Option(names = "--boot-port", defaultValue = "8088", description = "Node-facing listener port (default ${DEFAULT-VALUE})")
    int bootPort;
    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve the admin API over HTTPS with this certificate (chain)")
    Path tlsCert;
    @Option(names = "--tls-key", paramLabel = "PEM", description = "The HTTPS certificate's private key (PKCS#8 PEM)")
    Path tlsKey;
    @Option(names = "--instance", defaultValue = "controller-1", description = "Instance id, unique per controller")
    String instance;
    @Option(names = "--state-dir", defaultValue = "var/controller", description = "Local state directory")
    Path stateDir;
    @Option(names = "--token-file", paramLabel = "FILE",
        description = "An admin token (may read and change), named after its file: admin.token is 'admin' (repeatable)")
    List<Path> tokenFiles = new ArrayList<>();
    @Option(names = "--read-token-file", paramLabel = "FILE",
        description = "A read-only token (GETs and /metrics), named after its file (repeatable)")
    List<Path> readTokenFiles = new ArrayList<>();
    @Option(names = "--config", description = "Properties file with controller settings (see docs/operations.md)")
    Path configFile;
    @Option(names = "--kafka-config", paramLabel = "FILE", description = KafkaConnection.CONFIG_HELP)
    Path kafkaConfig;

    /** A token's name is its file's, less ".token": /etc/pxeflow/admin.token is "admin". */
    static String tokenName(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".token") ? n.substring(0, n.length() - ".token".length()) : n;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, String> m = new HashMap<>();
        if (configFile != null) {
            Properties p = new Properties();
            try (var in = Files.newInputStream(configFile)) {
                p.load(in);
            }
            p.forEach((k, v) -> m.put(k.toString(), v.toString()));
        }
        if (bootstrap != null || !m.containsKey("kafka.bootstrap")) {
            m.put("kafka.bootstrap", KafkaBootstrap.resolve(bootstrap, System.getenv()));
        }
        KafkaConnection.resolve(m.get("kafka.bootstrap"), kafkaConfig, m, ControllerConfig.OWN_KAFKA_KEYS, System.getenv())
            .settings().forEach((k, v) -> m.put(KafkaConnection.PREFIX + k, v));
        m.put("http.port", Integer.toString(httpPort));
        m.put("http.host", httpHost);
        m.put("instance.id", instance);
        m.put("state.dir", stateDir.toString());
        for (Path f : tokenFiles) {
            m.put("token.admin." + tokenName(f), Files.readString(f).trim());
        }
        for (Path f : readTokenFiles) {
            m.put("token.read." + tokenName(f), Files.readString(f).trim());
        }
        m.put("boot.host", bootHost != null ? bootHost : httpHost);
        m.put("boot.port", Integer.toString(bootPort));
        if (tlsCert != null) {
            m.put("http.tls.cert", tlsCert.toString());
        }
        if (tlsKey != null) {
            m.put("http.tls.key", tlsKey.toString());
        }
        ControllerConfig config;
        try {
            config = ControllerConfig.fromMap(m);
        } catch (IllegalArgumentException e) {
            System.err.println("controller: " + e.getMessage());
            return 2;
        }
        ControllerApp app = new ControllerApp(config, ControllerApp.newRegistry()).start();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stop.countDown();
        }, "controller-stop"));
        stop.await();
        return 0;
    }
}
