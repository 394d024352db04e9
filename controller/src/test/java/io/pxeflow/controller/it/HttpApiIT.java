package io.pxeflow.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.testkit.KafkaTestClients;
import io.pxeflow.testkit.TestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API used the way ctl and curl use it, against a controller on the real broker: every
 * answer is checked on the wire (status, JSON error shape), and every write is checked by reading
 * it back.
 */
class HttpApiIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ControllerApp controller;
    private static Path stateDir;
    private static String base;
    private static Topics topics;

    @BeforeAll
    static void start() throws Exception {
        stateDir = Files.createTempDirectory("http-api-it");
        topics = new Topics(TestKafka.uniquePrefix());
        controller = Controllers.startReady(TestCluster.controllerConfig(TestKafka.bootstrapServers(),
            topics.prefix(), "http-it", stateDir, 3));
        base = "http://127.0.0.1:" + controller.httpPort();
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void putGetDelete_aNodeAsTheAdminWould() throws Exception {
        HttpResponse<String> put = call("PUT", "/api/v1/nodes/node101", node(101, "02:00:00:01:01:01", "10.54.3.101"), true);
        assertEquals(201, put.statusCode(), put.body());
        JsonNode created = json(put);
        assertEquals("node101", created.path("name").asText());
        assertEquals("pxe", created.path("stage").asText());
        assertEquals("registered", created.path("status").asText());
        assertEquals(1, created.path("generation").asLong());

        HttpResponse<String> get = call("GET", "/api/v1/nodes/node101", null, false);
        assertEquals(200, get.statusCode());
        assertEquals("02:00:00:01:01:01", json(get).path("macs").get(0).asText());
        assertEquals("10.54.3.101", json(get).path("ip").asText());

        HttpResponse<String> update = call("PUT", "/api/v1/nodes/node101", node(101, "02:00:00:01:01:01", "10.54.3.111"), true);
        assertEquals(200, update.statusCode(), update.body());
        assertEquals("10.54.3.111", json(call("GET", "/api/v1/nodes/node101", null, false)).path("ip").asText());

        HttpResponse<String> delete = call("DELETE", "/api/v1/nodes/node101", null, true);
        assertEquals(200, delete.statusCode(), delete.body());
        assertEquals(404, call("GET", "/api/v1/nodes/node101", null, false).statusCode());
    }

    @Test
    void unknownNode_is404WithDidYouMean() throws Exception {
        assertEquals(201, call("PUT", "/api/v1/nodes/node102", node(102, "02:00:00:01:01:02", "10.54.3.102"), true)
            .statusCode());
        HttpResponse<String> r = call("GET", "/api/v1/nodes/nod102", null, false);
        assertEquals(404, r.statusCode());
        JsonNode error = json(r).path("error");
        assertEquals("not_found", error.path("code").asText());
        assertEquals("node102", error.path("suggestion").asText());
        assertTrue(error.path("message").asText().contains("did you mean node102"), r.body());
        assertEquals(404, call("POST", "/api/v1/nodes/nod102/reprovision", "{}", true).statusCode());
    }

    @Test
    void invalidInput_is400NamingTheField_andChangesNothing() throws Exception {
        assertInvalid(call("PUT", "/api/v1/nodes/node103", node(103, "02:00:00:01:01:zz", "10.54.3.103"), true), "macs[0]");
        assertInvalid(call("PUT", "/api/v1/nodes/node103", node(103, "02:00:00:01:01:03", "10.54.3.300"), true), "ip");
        assertInvalid(call("PUT", "/api/v1/nodes/node_103!", node(103, "02:00:00:01:01:03", "10.54.3.103"), true), "name");
        assertInvalid(call("PUT", "/api/v1/nodes/node103", "{\"macs\":[\"02:00:00:01:01:03\"]}", true), "index");
        assertEquals(404, call("GET", "/api/v1/nodes/node103", null, false).statusCode(), "nothing was created");
    }

    @Test
    void mutatingCallsWithoutTheToken_are401_andChangeNothing() throws Exception {
        String body = node(104, "02:00:00:01:01:04", "10.54.3.104");
        HttpResponse<String> noToken = call("PUT", "/api/v1/nodes/node104", body, false);
        assertEquals(401, noToken.statusCode());
        assertEquals("unauthorized", json(noToken).path("error").path("code").asText());
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/nodes/node104"))
            .header("Authorization", "Bearer not-the-token").PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(401, wrong.statusCode());
        assertEquals(401, call("POST", "/api/v1/inventory", "nodes 4\n", false).statusCode());
        assertEquals(404, call("GET", "/api/v1/nodes/node104", null, false).statusCode());

        assertEquals(201, call("PUT", "/api/v1/nodes/node104", body, true).statusCode());
        assertEquals(401, call("DELETE", "/api/v1/nodes/node104", null, false).statusCode());
        assertEquals(401, call("POST", "/api/v1/nodes/node104/reprovision", "{}", false).statusCode());
        JsonNode still = json(call("GET", "/api/v1/nodes/node104", null, false));
        assertEquals(1, still.path("generation").asLong(), "neither removed nor reprovisioned");
    }

    @Test
    void reprovision_answers202WithoutWaiting_andTheChangeBecomesVisible() throws Exception {
        String body = "{\"index\":105,\"macs\":[\"02:00:00:01:01:05\"],\"ip\":\"10.54.3.105\",\"sequence\":\"pxe+local\","
            + "\"stage\":\"local\"}";
        assertEquals(201, call("PUT", "/api/v1/nodes/node105", body, true).statusCode());
        HttpResponse<String> r = call("POST", "/api/v1/nodes/node105/reprovision?wait=0", "{\"wipe\":true}", true);
        assertEquals(202, r.statusCode(), r.body());
        assertFalse(json(r).path("requestId").asText().isEmpty());
        Await.until(Duration.ofSeconds(15), () -> {
            JsonNode n = getJson("/api/v1/nodes/node105");
            return "pxe".equals(n.path("stage").asText()) && n.path("wipe").asBoolean();
        }, () -> "node105 at pxe with wipe: " + getJson("/api/v1/nodes/node105"));
        JsonNode events = getJson("/api/v1/nodes/node105/events");
        List<String> kinds = new ArrayList<>();
        events.path("events").forEach(e -> kinds.add(e.path("kind").asText()));
        assertTrue(kinds.contains("reprovision") && kinds.contains("stage-changed"), kinds.toString());
    }

    @Test
    void inventoryDryRun_showsTheDiff_andChangesNothing() throws Exception {
        String before = call("GET", "/api/v1/inventory", null, false).body();
        Map<TopicPartition, Long> published = apiTopicEnds();
        String file = "nodes 300\nsubnet 10.60.0.0/22 next-server 10.60.0.1\niprange 10.60.0.10 10.60.1.50\nnode 200 pxe+local pxe 02:00:00:02:00:01\n";
        HttpResponse<String> r = call("POST", "/api/v1/inventory?dryRun=true&file=dry.conf", file, true);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode o = json(r);
        assertFalse(o.path("applied").asBoolean());
        assertTrue(o.path("added").toString().contains("node200"), r.body());
        assertTrue(o.path("diff").asText().contains("node200"), r.body());
        assertEquals(published, apiTopicEnds(), "the dry run published nothing");
        assertEquals(404, call("GET", "/api/v1/nodes/node200", null, false).statusCode());
        assertEquals(before, call("GET", "/api/v1/inventory", null, false).body());
    }

    @Test
    void invalidInventory_is400WithEveryProblem_andChangesNothing() throws Exception {
        String before = call("GET", "/api/v1/inventory", null, false).body();
        Map<TopicPartition, Long> published = apiTopicEnds();
        String file = "nodes 300\nsubnet 10.60.0.0/22 next-server 10.60.0.1\niprange 10.60.0.10 10.60.1.50\n"
            + "node 201 pxe+local pxe 02:00:00:02:00:02\n"
            + "node 202 pxe+local pxe 02:00:00:02:00:02\n";
        HttpResponse<String> r = call("POST", "/api/v1/inventory?file=bad.conf", file, true);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode error = json(r).path("error");
        assertEquals("invalid", error.path("code").asText());
        assertTrue(error.path("problems").size() >= 1, r.body());
        assertTrue(error.path("problems").toString().contains("bad.conf"), r.body());
        assertEquals(published, apiTopicEnds(), "the invalid import published nothing");
        assertEquals(404, call("GET", "/api/v1/nodes/node201", null, false).statusCode());
        assertEquals(before, call("GET", "/api/v1/inventory", null, false).body());
    }

    @Test
    void ipxeForAnUnknownMac_answersTheDiscoveryScript_andTheMacIsDiscovered() throws Exception {
        HttpResponse<String> r = boot("/boot/ipxe?mac=02:00:00:0d:15:c0");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("#!ipxe"), r.body());
        // The endpoint records an unknown client's answer keyed by the client: it is filed as discovered.
        Await.until(Duration.ofSeconds(40), () -> getJson("/api/v1/discovered").toString().contains("02:00:00:0d:15:c0"),
            () -> "the MAC in /api/v1/discovered: " + getJson("/api/v1/discovered"));
        assertInvalid(boot("/boot/ipxe?mac=not-a-mac"), "mac");
    }

    private static void assertInvalid(HttpResponse<String> r, String field) throws IOException {
        assertEquals(400, r.statusCode(), r.body());
        JsonNode error = json(r).path("error");
        assertEquals("invalid", error.path("code").asText(), r.body());
        assertTrue(error.path("field").asText().startsWith(field), "the error names " + field + ": " + r.body());
    }

    /**
     * The end offsets of the topics an import writes (one transaction, committed before the API
     * answers): unchanged across a call, they prove the call wrote nothing, with no wait for a write
     * that might still come.
     */
    private static Map<TopicPartition, Long> apiTopicEnds() {
        try (KafkaConsumer<String, byte[]> c = KafkaTestClients.consumer(TestKafka.bootstrapServers())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.commands(), topics.inventory())) {
                c.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return c.endOffsets(partitions);
        }
    }

    private static String node(int index, String mac, String ip) {
        return "{\"index\":" + index + ",\"macs\":[\"" + mac + "\"],\"ip\":\"" + ip + "\",\"sequence\":\"pxe+local\"}";
    }

    private static JsonNode getJson(String path) {
        try {
            return json(call("GET", path, null, false));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> call(String method, String path, String body, boolean token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        // Reads need a token too (issue #17); ApiAuthIT tests that, these tests what the calls do.
        if (token || method.equals("GET")) {
            b.header("Authorization", "Bearer " + TestCluster.TOKEN);
        }
        return send(b);
    }

    /** A request to the node-facing listener, which takes no token. */
    private static HttpResponse<String> boot(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controller.bootPort() + path))
            .timeout(Duration.ofSeconds(30)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }
}
