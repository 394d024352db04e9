package io.pxeflow.reporter.kafka;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lean producer with nothing listening: it retries with backoff, then fails the record. */
class LeanProducerTest {
    @Test
    void withNoBrokerTheSendFailsAfterTheDeliveryTimeoutNamingTheProblem() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }
        LeanProducer producer = LeanProducer.start(LeanProducerIT.settings("127.0.0.1:" + port, "hb", (short) 1, 1_000));
        CompletableFuture<Exception> done = new CompletableFuture<>();
        long t0 = System.nanoTime();
        producer.send("n1", new byte[] {1}, done::complete);
        Exception e = done.get(10, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertInstanceOf(DeliveryFailedException.class, e);
        assertTrue(e.getMessage().contains("not delivered within 1000 ms") && e.getMessage().contains("Connect"),
            e.getMessage());
        assertTrue(ms >= 500 && ms < 5_000, "gave up near the delivery timeout: " + ms + " ms");
        producer.close(Duration.ofSeconds(1));
        assertThrows(IllegalStateException.class, () -> producer.send("n1", new byte[0], x -> { }));
    }

    @Test
    void closingFailsWhatIsStillQueued() throws Exception {
        LeanProducer producer = LeanProducer.start(LeanProducerIT.settings("127.0.0.1:1", "hb", (short) 1, 60_000));
        CompletableFuture<Exception> first = new CompletableFuture<>();
        producer.send("n1", new byte[] {1}, first::complete);
        producer.close(Duration.ofSeconds(2));
        assertInstanceOf(DeliveryFailedException.class, first.get(5, TimeUnit.SECONDS));
    }
}
