package io.pxeflow.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Serves {@code /metrics} (Prometheus text), {@code /healthz} (the process answers) and
 * {@code /readyz} (200 when {@code ready} says so, else 503 with {@code notReady} as the body)
 * with the JDK's HTTP server, for the daemons that have no HTTP API of their own (generator,
 * bridge); quiet in the logs. The controller serves the same paths from its API server.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    /** @param port the port on every address; 0 picks a free one ({@link #port()} says which) */
    public MetricsServer(int port, PrometheusMeterRegistry registry, BooleanSupplier ready, String notReady)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.createContext("/healthz", exchange -> text(exchange, 200, "ok\n"));
        server.createContext("/readyz", exchange -> {
            boolean r = ready.getAsBoolean();
            text(exchange, r ? 200 : 503, r ? "ready\n" : "not ready: " + notReady + "\n");
        });
        server.start();
    }

    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
