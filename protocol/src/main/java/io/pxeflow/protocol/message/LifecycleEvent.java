package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.MacAddress;
import java.time.Instant;

/**
 * Something that happened to a node, on {@code events} keyed by node name (or by MAC for a
 * discovered, unknown client). {@code from}/{@code to} hold the stage or status codes of a change.
 */
public record LifecycleEvent(String node, MacAddress mac, LifecycleKind kind, String from, String to,
                             String detail, String requestId, Instant time) implements Versioned {
    public static LifecycleEvent of(String node, LifecycleKind kind, String from, String to, String detail,
                                    String requestId, Instant time) {
        return new LifecycleEvent(node, null, kind, from, to, detail, requestId, time);
    }
}
