package io.pxeflow.bridge.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.bridge.spool.SpoolRecord;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real producer against a port nobody listens on: how long a refused batch holds the bridge up. */
class KafkaEventSinkTest {

    @Test
    void aBatchNobodyCanTakeIsRefusedWithinOneTimeoutNotOnePerRecord() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        List<SpoolRecord> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(new SpoolRecord("pxeflow.dhcp", "02:00:00:00:00:" + String.format("%02x", i),
                ("{\"v\":1,\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        KafkaEventSink sink = new KafkaEventSink("127.0.0.1:" + closed, Duration.ofMillis(500));
        try {
            long t0 = System.nanoTime();
            int delivered = sink.deliver(batch);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, delivered);
            // A fresh producer has no metadata: each send used to wait the whole 500 ms (20 s for the batch).
            assertTrue(ms < 5_000, "refused after " + ms + " ms");
        } finally {
            sink.close();
        }
    }
}
