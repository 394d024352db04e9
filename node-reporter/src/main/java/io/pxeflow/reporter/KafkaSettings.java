package io.pxeflow.reporter;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Producer settings. The heartbeat producer is sized for a node that must not notice it: a few
 * kilobytes a sample, so small buffers; short blocking so the sampler never waits long; quick
 * reconnects so a returning head node sees the node again within about two seconds. The admin's
 * {@code kafka.*} settings (TLS, SASL) are applied last and win.
 */
public final class KafkaSettings {
    /** How long send() may block the sampler when the broker was never reached (no metadata). */
    static final int MAX_BLOCK_MS = 250;
    /** These are shared with the lean producer (compile-time constants: reading them loads no Kafka class). */
    static final int REQUEST_TIMEOUT_MS = 5000;
    static final int DELIVERY_TIMEOUT_MS = 15000;
    static final int CONNECT_TIMEOUT_MS = 3000;
    static final int BACKOFF_MS = 200;
    static final int BACKOFF_MAX_MS = 2000;

    private KafkaSettings() {
    }

    public static Properties heartbeats(ReporterConfig c, String node) {
        Properties p = common(c, node, "heartbeat");
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        // Idempotence needs acks=all and a producer id round trip; a heartbeat lost in a leader
        // failover is replaced by the next one a few seconds later.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(16 * 1024));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(MAX_BLOCK_MS));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(REQUEST_TIMEOUT_MS));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(DELIVERY_TIMEOUT_MS));
        p.putAll(c.kafka());
        return p;
    }

    /** The one-shot install-complete producer: durable (acks=all), patient up to the ack timeout. */
    public static Properties installComplete(ReporterConfig c, String node) {
        Properties p = common(c, node, "install");
        int timeoutMs = c.ackTimeoutSeconds() * 1000;
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(timeoutMs));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
        p.putAll(c.kafka());
        return p;
    }

    private static Properties common(ReporterConfig c, String node, String role) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, c.requireBootstrap());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "pxeflow-reporter-" + role + "-" + node);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, "200");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, Integer.toString(BACKOFF_MS));
        p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, Integer.toString(BACKOFF_MAX_MS));
        p.put(ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Integer.toString(CONNECT_TIMEOUT_MS));
        p.put(ProducerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, "10000");
        // No JMX reporter and no client telemetry push: nobody scrapes a compute node's producer,
        // and both cost memory and wake-ups.
        p.put(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
        p.put(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, "false");
        return p;
    }
}
