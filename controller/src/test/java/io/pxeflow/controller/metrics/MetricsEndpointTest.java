package io.pxeflow.controller.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} over real HTTP: a body streamed in many chunks, gzipped or not, is the scrape's text. */
class MetricsEndpointTest {
    private final SyntheticNodes cluster = StreamedScrapeTest.quirkyCluster(1000);
    private final MetricsScrape scrape = StreamedScrapeTest.scrape(cluster);
    private final HttpClient client = HttpClient.newHttpClient();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/metrics").handler(new MetricsEndpoint(scrape, 8 * 1024)::handle);
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
            .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private HttpResponse<byte[]> get(String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/metrics"));
        if (acceptEncoding != null) {
            b.header("Accept-Encoding", acceptEncoding);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void gzipAndIdentityBodiesDecodeToTheSameTextAsTheOnePieceScrape() throws Exception {
        String expected = scrape.scrape();
        HttpResponse<byte[]> zipped = get("gzip, deflate");
        HttpResponse<byte[]> plain = get(null);

        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
        // Streamed: the length was not known when the headers went out.
        assertTrue(zipped.headers().firstValue("Content-Length").isEmpty(), zipped.headers().toString());
        assertTrue(zipped.body().length < expected.length() / 5, "gzip body of " + zipped.body().length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertEquals(expected, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        assertEquals(200, plain.statusCode());
        assertEquals("identity", plain.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(plain.headers().firstValue("Content-Length").isEmpty(), plain.headers().toString());
        assertTrue(plain.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertEquals(expected, new String(plain.body(), StandardCharsets.UTF_8));
    }
}
