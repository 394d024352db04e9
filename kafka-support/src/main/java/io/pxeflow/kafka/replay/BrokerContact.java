package io.pxeflow.kafka.replay;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Whether the broker has answered lately, read from the consumer's own count of responses
 * received. A consumer that polls gets a fetch response at least every {@code fetch.max.wait.ms},
 * so a count that stops moving means the broker is unreachable, without a probe of our own.
 * {@link #observe} runs on the consumer's thread (a consumer is single-threaded); {@link #recent}
 * may be called from any thread.
 */
public final class BrokerContact {
    private final long silenceNanos;
    private Metric responses;
    private double lastCount = -1;
    private volatile long lastContact = Long.MIN_VALUE;
    private volatile boolean seen;

    public BrokerContact(Duration silence) {
        this.silenceNanos = silence.toNanos();
    }

    public void observe(Consumer<?, ?> consumer) {
        if (responses == null) {
            for (Map.Entry<MetricName, ? extends Metric> e : consumer.metrics().entrySet()) {
                if ("response-total".equals(e.getKey().name()) && "consumer-metrics".equals(e.getKey().group())) {
                    responses = e.getValue();
                }
            }
            if (responses == null) {
                return;
            }
        }
        double count = ((Number) responses.metricValue()).doubleValue();
        if (count > lastCount) {
            lastCount = count;
            lastContact = System.nanoTime();
            seen = true;
        }
    }

    public boolean recent() {
        return seen && System.nanoTime() - lastContact < silenceNanos;
    }
}
