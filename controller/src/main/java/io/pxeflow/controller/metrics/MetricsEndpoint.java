package io.pxeflow.controller.metrics;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics}. At 100,000 nodes the body is ~120 MB of text, so it is never built
 * whole: a worker thread writes it in chunks straight to the response (chunked transfer),
 * compressed on the way at level 1 when the scraper accepts gzip (Prometheus does), and waits on
 * each chunk's write before sending the next, so a scrape holds a few chunks whatever the cluster
 * size and a slow scraper slows the writer instead of filling memory.
 */
public final class MetricsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Large enough that per-write costs vanish, small enough that a scrape's memory does not matter. */
    static final int CHUNK_BYTES = 128 * 1024;
    private final MetricsScrape scrape;
    private final int chunkBytes;

    public MetricsEndpoint(MetricsScrape scrape) {
        this(scrape, CHUNK_BYTES);
    }

    MetricsEndpoint(MetricsScrape scrape, int chunkBytes) {
        this.scrape = scrape;
        this.chunkBytes = chunkBytes;
    }

    public void handle(RoutingContext c) {
        String accept = c.request().getHeader("Accept-Encoding");
        boolean gzip = accept != null && accept.contains("gzip");
        HttpServerResponse response = c.response().putHeader("Content-Type", CONTENT_TYPE)
            // "identity" also tells the server's own compressor to leave the body alone.
            .putHeader("Content-Encoding", gzip ? "gzip" : "identity");
        c.vertx().executeBlocking(() -> {
            stream(response, gzip);
            return null;
        }, false).onComplete(r -> {
            if (r.succeeded()) {
                return;
            }
            if (response.closed()) {
                LOG.debug("metrics scraper went away mid-scrape: {}", r.cause().toString());
            } else if (!response.headWritten()) {
                LOG.warn("metrics scrape failed", r.cause());
                response.setStatusCode(500).putHeader("Content-Encoding", "identity").end();
            } else {
                if (r.cause() instanceof ResponseChunks.ClientGone) {
                    LOG.debug("metrics scraper went away mid-scrape: {}", r.cause().getMessage());
                } else {
                    LOG.warn("metrics scrape failed mid-body", r.cause());
                }
                // Part of the body is out: cut the connection so the scraper sees a failed scrape,
                // not a short body that parses.
                response.reset();
            }
        });
    }

    private void stream(HttpServerResponse response, boolean gzip) throws IOException {
        ResponseChunks body = new ResponseChunks(response, chunkBytes);
        OutputStream out = gzip ? new FastGzip(body, chunkBytes) : body;
        scrape.stream(chunkBytes, chunk -> out.write(chunk.toString().getBytes(StandardCharsets.UTF_8)));
        // Writes the gzip trailer into body; closing body sends nothing by itself.
        out.close();
        body.end();
    }

    /** Level 1: metrics text compresses ~10:1 even so, at a fraction of the default level's CPU. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out, int bufferBytes) throws IOException {
            super(out, bufferBytes);
            def.setLevel(1);
        }
    }
}
