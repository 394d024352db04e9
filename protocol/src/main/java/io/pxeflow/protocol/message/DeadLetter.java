package io.pxeflow.protocol.message;

import java.time.Instant;

/** An input that could not be decoded or was invalid, with the reason and where it came from. */
public record DeadLetter(String topic, int partition, long offset, String key, String reason, String payload,
                         Instant time) implements Versioned {
    /** Payloads are kept for diagnosis, bounded so a hostile message cannot bloat the topic. */
    public static final int MAX_PAYLOAD = 4096;
}
