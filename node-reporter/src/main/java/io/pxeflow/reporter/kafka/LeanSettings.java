package io.pxeflow.reporter.kafka;

import java.util.List;

/**
 * What the lean producer needs to know.
 *
 * @param node              the node name, for log lines
 * @param bootstrap         HOST:PORT entries to ask for metadata
 * @param topic             the one topic it writes
 * @param clientId          client.id the broker sees in its logs and quotas
 * @param softwareVersion   reported in ApiVersions
 * @param acks              1 (leader) or -1 (all in-sync replicas)
 * @param requestTimeoutMs  how long one request may take
 * @param deliveryTimeoutMs how long a record is retried before its send fails
 * @param connectTimeoutMs  TCP connect timeout
 * @param backoffMs         first retry delay, doubled up to {@code backoffMaxMs}
 * @param backoffMaxMs      longest retry delay
 * @param metadataMaxAgeMs  metadata is re-read at least this often (new partitions, moved leaders)
 */
public record LeanSettings(String node, List<String> bootstrap, String topic, String clientId, String softwareVersion,
                           short acks, int requestTimeoutMs, int deliveryTimeoutMs, int connectTimeoutMs,
                           int backoffMs, int backoffMaxMs, long metadataMaxAgeMs) {
    public LeanSettings {
        bootstrap = List.copyOf(bootstrap);
        if (bootstrap.isEmpty()) {
            throw new IllegalArgumentException("no bootstrap servers");
        }
        if (acks != 1 && acks != -1) {
            throw new IllegalArgumentException("the lean producer writes with acks=1 or acks=all, not " + acks);
        }
    }
}
