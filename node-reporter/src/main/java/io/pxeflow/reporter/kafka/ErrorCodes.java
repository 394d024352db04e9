package io.pxeflow.reporter.kafka;

import java.util.Map;

/**
 * Kafka error codes the lean producer meets, and what it does with each: a retriable one (a
 * leader moved, a broker restarts, too few in-sync replicas) refreshes metadata and tries again
 * with backoff until the delivery timeout; any other code abandons the records at once, as the
 * Java client does with non-retriable errors.
 */
final class ErrorCodes {
    static final int NONE = 0;
    static final int UNKNOWN_TOPIC_OR_PARTITION = 3;
    static final int LEADER_NOT_AVAILABLE = 5;

    private static final Map<Integer, String> RETRIABLE = Map.ofEntries(
        Map.entry(2, "CORRUPT_MESSAGE"),
        Map.entry(3, "UNKNOWN_TOPIC_OR_PARTITION"),
        Map.entry(5, "LEADER_NOT_AVAILABLE"),
        Map.entry(6, "NOT_LEADER_OR_FOLLOWER"),
        Map.entry(7, "REQUEST_TIMED_OUT"),
        Map.entry(8, "BROKER_NOT_AVAILABLE"),
        Map.entry(9, "REPLICA_NOT_AVAILABLE"),
        Map.entry(13, "NETWORK_EXCEPTION"),
        Map.entry(19, "NOT_ENOUGH_REPLICAS"),
        Map.entry(20, "NOT_ENOUGH_REPLICAS_AFTER_APPEND"),
        Map.entry(56, "KAFKA_STORAGE_ERROR"),
        Map.entry(72, "LISTENER_NOT_FOUND"),
        Map.entry(74, "FENCED_LEADER_EPOCH"),
        Map.entry(75, "UNKNOWN_LEADER_EPOCH"),
        Map.entry(89, "THROTTLING_QUOTA_EXCEEDED"),
        Map.entry(100, "UNKNOWN_TOPIC_ID"));

    private static final Map<Integer, String> FATAL = Map.ofEntries(
        Map.entry(-1, "UNKNOWN_SERVER_ERROR"),
        Map.entry(10, "MESSAGE_TOO_LARGE"),
        Map.entry(17, "INVALID_TOPIC_EXCEPTION"),
        Map.entry(18, "RECORD_LIST_TOO_LARGE"),
        Map.entry(21, "INVALID_REQUIRED_ACKS"),
        Map.entry(29, "TOPIC_AUTHORIZATION_FAILED"),
        Map.entry(31, "CLUSTER_AUTHORIZATION_FAILED"),
        Map.entry(32, "INVALID_TIMESTAMP"),
        Map.entry(35, "UNSUPPORTED_VERSION"),
        Map.entry(42, "INVALID_REQUEST"),
        Map.entry(43, "UNSUPPORTED_FOR_MESSAGE_FORMAT"),
        Map.entry(44, "POLICY_VIOLATION"),
        Map.entry(87, "INVALID_RECORD"));

    private ErrorCodes() {
    }

    static boolean retriable(int code) {
        return RETRIABLE.containsKey(code);
    }

    /** The code's Kafka name, for logs ("NOT_LEADER_OR_FOLLOWER (6)"). */
    static String name(int code) {
        String n = RETRIABLE.get(code);
        if (n == null) {
            n = FATAL.getOrDefault(code, "ERROR");
        }
        return n + " (" + code + ")";
    }
}
