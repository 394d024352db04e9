package io.pxeflow.headnode;

import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pxeflow kafka}: the embedded KRaft broker (one node, broker and controller) as a process
 * of its own, so a single-head site runs it as a service ({@code pxeflow-kafka.service}) beside
 * the controller and generator. A site with a Kafka cluster does not run it and points
 * {@code PXEFLOW_BOOTSTRAP} at that cluster instead.
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = {"Run the embedded Kafka broker (KRaft, a single node) until stopped: the broker of a single-head site.",
        "Its data (all pxeflow state) lives in --data; a restart finds the same topics."})
public final class KafkaCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCommand.class);

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "var/kafka", description = "Data directory (default ${DEFAULT-VALUE})")
    Path data;
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092", description = "Client port (default ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--listen", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "Address to listen on (default ${DEFAULT-VALUE}); 0.0.0.0 lets reporters and bridges on other machines in")
    String listen;
    @Option(names = "--advertised-host", paramLabel = "HOST", description = {"Name or address clients are told to connect to",
        "(default: the listen address; this host's name when listening on 0.0.0.0). Empty means the default."})
    String advertisedHost;
    @Option(names = "--config", paramLabel = "FILE", description = "Broker properties that override the defaults (e.g. log.retention.hours)")
    Path config;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            System.err.println("kafka: --port must be 1..65535: " + port);
            return 2;
        }
        EmbeddedKafkaBroker.Builder b = EmbeddedKafkaBroker.builder().dataDir(data.toAbsolutePath()).port(port)
            .listenHost(listen).advertisedHost(advertised());
        if (config != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                System.err.println("kafka: cannot read " + config + ": " + e.getMessage());
                return 2;
            }
            p.stringPropertyNames().forEach(k -> b.brokerProperty(k, p.getProperty(k).trim()));
        }
        EmbeddedKafkaBroker broker = b.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        // The hook stops the broker itself: the JVM exits only once its logs are closed cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping the Kafka broker");
            broker.stop();
            stopped.countDown();
        }, "kafka-stop"));
        stopped.await();
        return 0;
    }

    private String advertised() throws IOException {
        if (advertisedHost != null && !advertisedHost.isBlank()) {
            return advertisedHost.trim();
        }
        return "0.0.0.0".equals(listen) || "::".equals(listen) ? InetAddress.getLocalHost().getHostName() : listen;
    }
}
