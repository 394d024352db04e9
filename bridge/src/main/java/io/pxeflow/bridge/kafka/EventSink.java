package io.pxeflow.bridge.kafka;

import io.pxeflow.bridge.spool.SpoolRecord;
import java.util.List;

/** Where events go: Kafka in production, a list in tests. */
public interface EventSink extends AutoCloseable {

    /**
     * Produces the records in order and waits for their acknowledgement.
     *
     * @return how many leading records were acknowledged; fewer than {@code records.size()}
     *         means the sink is unavailable and the rest must be kept and retried in order
     */
    int deliver(List<SpoolRecord> records);

    /** Drops connections after a failure so the next attempt starts clean. */
    default void reset() {
    }

    @Override
    default void close() {
    }
}
