package io.pxeflow.ctl;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the controller's REST API (docs/openapi.yaml) serving fixture files, and
 * recording every request so tests assert what ctl sent. Mutations need the bearer token
 * {@value #TOKEN}, as the real API does.
 */
final class StubServer implements AutoCloseable {
    static final String TOKEN = "s3cret-admin-token";
    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    /** A canned answer; {@code sse} answers stream the body as text/event-stream, then hold. */
    record Reply(int status, String contentType, String body, boolean sse, long holdMillis) {
        static Reply json(int status, String fixture) {
            return new Reply(status, "application/json", read(fixture), false, 0);
        }

        static Reply jsonText(int status, String body) {
            return new Reply(status, "application/json", body, false, 0);
        }

        static Reply text(String fixture) {
            return new Reply(200, "text/plain; charset=utf-8", read(fixture), false, 0);
        }

        static Reply events(String fixture, long holdMillis) {
            return new Reply(200, "text/event-stream", fixture == null ? "" : read(fixture), true, holdMillis);
        }
    }

    /** One request as ctl sent it. */
    record Request(String method, String uri, String authorization, String body) {
        @Override
        public String toString() {
            String auth = authorization == null ? "" : "Bearer ".concat(TOKEN).equals(authorization)
                ? " [token]" : " [wrong token]";
            return method + " " + uri + auth + (body == null || body.isEmpty() ? "" : " " + body);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Reply> routes = new HashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @param key "METHOD /path" or "METHOD /path?raw-query" (the exact query wins) */
    StubServer route(String key, Reply reply) {
        routes.put(key, reply);
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    static String read(String fixture) {
        try {
            return Files.readString(FIXTURES.resolve(fixture), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        String uri = query == null ? path : path + "?" + query;
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(method, uri, auth, body));
        Reply reply = routes.getOrDefault(method + " " + uri, routes.get(method + " " + path));
        if (!"GET".equals(method) && !("Bearer " + TOKEN).equals(auth)) {
            reply = Reply.json(401, "err-401.json");
        }
        if (reply == null) {
            reply = Reply.jsonText(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no route " + uri + "\"}}");
        }
        ex.getResponseHeaders().set("Content-Type", reply.contentType());
        if (reply.sse()) {
            stream(ex, reply);
            return;
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Headers and a comment at once (so the client's open returns), then the events, then hold. */
    private static void stream(HttpExchange ex, Reply reply) throws IOException {
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(": pxeflow events\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (String event : reply.body().split("\n\n")) {
                if (!event.isBlank()) {
                    out.write((event + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            Thread.sleep(reply.holdMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client hung up: normal for a stream.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
