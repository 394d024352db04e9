package io.pxeflow.headnode;

import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.protocol.KafkaBootstrap;
import io.pxeflow.protocol.KafkaConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
    @Option(names = "--http-host", defaultValue = "127.0.0.1", description = "HTTP address (default ${DEFAULT-VALUE})")
    String httpHost;
    @Option(names = "--instance", defaultValue = "controller-1", description = "Instance id, unique per controller")
    String instance;
    @Option(names = "--state-dir", defaultValue = "var/controller", description = "Local state directory")
    Path stateDir;
    @Option(names = "--token-file", description = "File holding the admin bearer token")
    Path tokenFile;
    @Option(names = "--config", description = "Properties file with controller settings (see docs/operations.md)")
    Path configFile;
    @Option(names = "--kafka-config", paramLabel = "FILE", description = KafkaConnection.CONFIG_HELP)
    Path kafkaConfig;

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
        if (tokenFile != null) {
            m.put("admin.token", Files.readString(tokenFile).trim());
        }
        ControllerApp app = new ControllerApp(ControllerConfig.fromMap(m), ControllerApp.newRegistry()).start();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stop.countDown();
        }, "controller-stop"));
        stop.await();
        return 0;
    }
}
