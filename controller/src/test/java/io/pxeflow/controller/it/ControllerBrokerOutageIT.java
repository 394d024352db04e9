package io.pxeflow.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.controller.ControllerApp;
import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller whose broker stops and comes back (a broker of its own, not the shared one):
 * {@code /readyz} must say so while Kafka is away, a write must fail promptly with 503, and once
 * the broker is back both must recover without restarting the controller. Before this test, the
 * controller stayed "ready" throughout (Streams says RUNNING while it waits for a broker), and
 * after one write had timed out every later write failed with 503 for good.
 */
class ControllerBrokerOutageIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @Test
    void notReadyAndRefusingWritesWhileTheBrokerIsDownThenBothRecover(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).port(freePort())
                .partitions(1).build().start();
             ControllerApp app = Controllers.startReady(TestCluster.controllerConfig(broker.bootstrapServers(), "outage.",
                 "outage-1", dir.resolve("state"), 1))) {
            port = app.httpPort();
            assertEquals(201, put("node1", 1).statusCode());

            broker.stop();
            Await.until(Duration.ofSeconds(20), () -> status("/readyz") == 503, () -> "/readyz says not ready");
            assertTrue(body("/readyz").contains("kafka unreachable"), body("/readyz"));
            long t0 = System.nanoTime();
            HttpResponse<String> refused = put("node2", 2);
            long refusedMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refusedMs < 20_000, "refused within the producer's 10 s block, took " + refusedMs + " ms");
            assertEquals(200, status("/healthz"), "the process itself is fine");

            broker.start();
            Await.until(Duration.ofSeconds(60), () -> status("/readyz") == 200, () -> "ready again: " + body("/readyz"));
            HttpResponse<String> accepted = put("node3", 3);
            assertEquals(201, accepted.statusCode(), "writes work again without a restart: " + accepted.body());
        }
    }

    private HttpResponse<String> put(String name, int index) throws IOException, InterruptedException {
        String body = "{\"index\":" + index + ",\"macs\":[\"02:00:00:09:00:0" + index + "\"],\"ip\":\"10.54.9." + index
            + "\",\"sequence\":\"pxe+local\"}";
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/nodes/" + name + "?wait=20"))
            .header("Authorization", "Bearer " + TestCluster.TOKEN).timeout(Duration.ofSeconds(60))
            .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private String body(String path) {
        try {
            return get(path).body();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
