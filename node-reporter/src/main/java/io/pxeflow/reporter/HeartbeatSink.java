package io.pxeflow.reporter;

import java.time.Duration;

/**
 * Where heartbeats go: the lean built-in producer (plaintext) or the Kafka Java client (TLS,
 * SASL, any other producer setting). {@code send} returns at once; {@code done} is called later,
 * on the sink's own thread, with null when the broker acknowledged the record.
 */
public interface HeartbeatSink {
    /** The outcome of one send. */
    interface Completion {
        void done(Exception error);
    }

    /** Queues one record for the heartbeat topic; throws only when the sink is closed. */
    void send(String key, byte[] value, Completion done);

    /** Which client this is, for the start-up log line. */
    String describe();

    void close(Duration timeout);
}
