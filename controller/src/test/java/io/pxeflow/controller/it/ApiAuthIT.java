package io.pxeflow.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.testkit.TestKafka;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17, route by route: every operation docs/openapi.yaml lists is called without a token,
 * with a wrong one, with a read-only one and with an admin one, and must answer as its
 * {@code security} says (401 / 403 / served); every route the controller actually serves must be
 * in the file, so a new route cannot slip in without being documented and checked. The node
 * listener serves the iPXE endpoint and nothing else.
 */
class ApiAuthIT {
    private static final String READ = "read-token-0123456789abcdef";
    private static final String ADMIN = "alice-token-0123456789abcdef";
    private static final Set<String> MUTATING = Set.of("post", "put", "delete", "patch");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ControllerApp controller;
    private static JsonNode openapi;
    private static String api;
    private static String boot;

    @BeforeAll
    static void start() throws Exception {
        Topics topics = new Topics(TestKafka.uniquePrefix());
        Map<String, String> m = TestCluster.controllerConfig(TestKafka.bootstrapServers(), topics.prefix(), "auth-it",
            Files.createTempDirectory("api-auth-it"), 3);
        m.remove("admin.token");
        m.put("token.admin.alice", ADMIN);
        m.put("token.read.grafana", READ);
        controller = Controllers.startReady(m);
        api = "http://127.0.0.1:" + controller.httpPort();
        boot = "http://127.0.0.1:" + controller.bootPort();
        openapi = new ObjectMapper(new YAMLFactory()).readTree(Path.of(System.getProperty("pxeflow.root", "..")).resolve(
            "docs/openapi.yaml").toFile());
        assertEquals(201, send(api, "PUT", "/api/v1/nodes/node1", ADMIN,
            "{\"index\":1,\"macs\":[\"02:00:00:00:17:01\"],\"ip\":\"10.54.17.1\"}").statusCode());
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void everyDocumentedOperationAnswersAsItsSecuritySays() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            boolean nodeListener = "boot".equals(p.getValue().path("x-pxeflow-listener").asText());
            String path = p.getKey().replace("{name}", "node1").replace("{id}", "no-such-request")
                + (p.getKey().equals("/boot/ipxe") ? "?mac=02:00:00:00:17:01" : "");
            // No request has that id: the read is allowed and finds nothing.
            int found = p.getKey().contains("{id}") ? 404 : 200;
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey();
                if (!List.of("get", "put", "post", "delete", "patch", "head").contains(method)) {
                    continue;
                }
                String what = method.toUpperCase(Locale.ROOT) + " " + p.getKey();
                boolean open = op.getValue().has("security") && op.getValue().path("security").isEmpty();
                if (nodeListener) {
                    assertTrue(open, what + " is on the node listener, where no node has a token");
                    assertEquals(404, send(api, method, path, ADMIN, null).statusCode(), what + " is not on the admin listener");
                    assertEquals(200, send(boot, method, path, null, null).statusCode(), what + " on the node listener");
                } else if (open) {
                    int status = send(api, method, path, null, null).statusCode();
                    assertTrue(status != 401 && status != 403, what + " is open: " + status);
                } else {
                    assertUnauthorized(send(api, method, path, null, "{}"), what + " without a token");
                    assertUnauthorized(send(api, method, path, "x" + ADMIN, "{}"), what + " with a wrong token");
                    HttpResponse<String> read = send(api, method, path, READ, "{}");
                    if (MUTATING.contains(method)) {
                        assertEquals(403, read.statusCode(), what + " with the read-only token: " + read.body());
                        assertEquals("forbidden", Json.mapper().readTree(read.body()).path("error").path("code").asText());
                    } else {
                        assertEquals(found, read.statusCode(), what + " with the read-only token: " + read.body());
                        assertEquals(found, send(api, method, path, ADMIN, null).statusCode(), what + " with the admin token");
                    }
                }
                checked.add(what);
            }
        }
        assertTrue(checked.size() >= 17, checked.toString());
        // None of the refused calls changed anything: node1 is as it was made.
        JsonNode node = Json.mapper().readTree(send(api, "get", "/api/v1/nodes/node1", READ, null).body());
        assertEquals(1, node.path("generation").asLong(), node.toString());
        assertFalse(node.path("wipe").asBoolean());
    }

    @Test
    void everyRouteTheControllerServesIsDocumented() {
        Set<String> documented = new TreeSet<>();
        openapi.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (!m.startsWith("x-") && !m.equals("parameters") && !m.equals("servers")) {
                documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }));
        Set<String> served = new TreeSet<>(controller.adminRoutes());
        served.addAll(controller.bootRoutes());
        served.removeAll(documented);
        assertEquals(Set.of(), served, "routes the controller serves that docs/openapi.yaml does not list (and so ApiAuthIT "
            + "does not check)");
        assertEquals(List.of("GET /boot/ipxe"), controller.bootRoutes());
    }

    @Test
    void theNodeListenerServesBootScriptsAndNothingElse() throws Exception {
        for (String path : List.of("/api/v1/nodes", "/api/v1/nodes/node1", "/api/v1/inventory", "/api/v1/events",
                "/api/v1/info", "/metrics", "/healthz", "/readyz", "/", "/boot", "/boot/ipxe/../../api/v1/nodes")) {
            for (String token : new String[] {null, ADMIN}) {
                HttpResponse<String> r = send(boot, "get", path, token, null);
                assertEquals(404, r.statusCode(), path + ": " + r.body());
                assertFalse(r.body().contains("node1"), path + " leaks " + r.body());
            }
        }
        assertEquals(404, send(boot, "put", "/api/v1/nodes/node2", ADMIN, "{\"index\":2,\"macs\":[\"02:00:00:00:17:02\"]}")
            .statusCode());
        assertEquals(404, send(boot, "post", "/api/v1/nodes/node1/wipe", ADMIN, "{}").statusCode());
        HttpResponse<String> script = send(boot, "get", "/boot/ipxe?mac=02:00:00:00:17:01", null, null);
        assertTrue(script.body().startsWith("#!ipxe"), script.body());
    }

    @Test
    void aMutatingCallIsRecordedWithTheTokensNameNeverItsValue() throws Exception {
        HttpResponse<String> r = send(api, "post", "/api/v1/nodes/node1/set-stage", ADMIN, "{\"stage\":\"pxe\"}");
        assertEquals(200, r.statusCode(), r.body());
        String rid = Json.mapper().readTree(r.body()).path("requestId").asText();
        List<LifecycleEvent> events = controller.view().events("node1", 50);
        List<LifecycleEvent> ofCall = events.stream().filter(e -> rid.equals(e.requestId())).toList();
        assertTrue(ofCall.stream().anyMatch(e -> e.detail() != null && e.detail().contains("api token alice")), events.toString());
        String all = Json.mapper().writeValueAsString(events) + send(api, "get", "/api/v1/events?limit=500", ADMIN, null).body();
        assertFalse(all.contains(ADMIN) || all.contains(READ), "a token's value in the events");
    }

    @Test
    void withoutATokenTheApiServesLoopbackOnlyAndSaysSo() throws Exception {
        Map<String, String> m = TestCluster.controllerConfig(TestKafka.bootstrapServers(), "unused.", "auth-it-2",
            Files.createTempDirectory("api-auth-it"), 1);
        m.remove("admin.token");
        m.put("http.host", "0.0.0.0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ControllerConfig.fromMap(m));
        assertTrue(e.getMessage().contains("refusing to serve the admin API on 0.0.0.0 without a token"), e.getMessage());
        m.put("http.host", "10.54.0.1");
        assertThrows(IllegalArgumentException.class, () -> ControllerConfig.fromMap(m));
        m.put("http.host", "127.0.0.1");
        assertTrue(ControllerConfig.fromMap(m).tokens().isEmpty(), "loopback without a token is allowed (and warned about)");
        m.put("token.read.short", "abc");
        assertThrows(IllegalArgumentException.class, () -> ControllerConfig.fromMap(m), "a guessable token is refused");
    }

    private static void assertUnauthorized(HttpResponse<String> r, String what) throws Exception {
        assertEquals(401, r.statusCode(), what + ": " + r.body());
        assertEquals("unauthorized", Json.mapper().readTree(r.body()).path("error").path("code").asText(), what);
        assertNotEquals(null, r.headers().firstValue("WWW-Authenticate").orElse(null), what);
    }

    /** One request; a stream (server-sent events) is read only up to its headers. */
    private static HttpResponse<String> send(String base, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
            .method(method.toUpperCase(Locale.ROOT), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> r = HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream()).get(30, TimeUnit.SECONDS);
        String text;
        try (InputStream in = r.body()) {
            boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            text = stream ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return new StringResponse(r, text);
    }

    private record StringResponse(HttpResponse<InputStream> raw, String body) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return raw.statusCode();
        }

        @Override
        public HttpRequest request() {
            return raw.request();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return raw.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return raw.sslSession();
        }

        @Override
        public URI uri() {
            return raw.uri();
        }

        @Override
        public HttpClient.Version version() {
            return raw.version();
        }
    }
}
