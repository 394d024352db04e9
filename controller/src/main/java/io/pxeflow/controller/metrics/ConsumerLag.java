package io.pxeflow.controller.metrics;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The controller's consumer lag per input topic: the sum over this instance's partitions of the
 * Kafka consumer's {@code records-lag}, read from the Streams client's metrics at scrape time.
 */
public final class ConsumerLag {
    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final Set<String> topics;

    /** {@code topics} are the real topic names; Kafka's metric tags spell dots as underscores. */
    public ConsumerLag(Supplier<Map<MetricName, ? extends Metric>> metrics, Set<String> topics) {
        this.metrics = metrics;
        this.topics = topics;
    }

    Map<String, Double> byTopic() {
        Map<String, Double> lag = new TreeMap<>();
        for (var e : metrics.get().entrySet()) {
            MetricName n = e.getKey();
            if (!"records-lag".equals(n.name()) || !"consumer-fetch-manager-metrics".equals(n.group())
                    || !n.tags().containsKey("partition")) {
                continue;
            }
            Object v = e.getValue().metricValue();
            if (!(v instanceof Double d) || d.isNaN() || d < 0) {
                continue;
            }
            lag.merge(topicName(n.tags().get("topic")), d, Double::sum);
        }
        return lag;
    }

    private String topicName(String tag) {
        if (tag == null) {
            return "unknown";
        }
        for (String t : topics) {
            if (t.equals(tag) || t.replace('.', '_').equals(tag)) {
                return t;
            }
        }
        return tag;
    }

    public void write(ExpositionWriter w) {
        w.family("pxeflow_consumer_lag_records", "gauge",
            "Records this controller has yet to consume, summed over its partitions, by topic");
        byTopic().forEach((t, v) -> w.sample("pxeflow_consumer_lag_records").label("topic", t).value(v));
    }
}
