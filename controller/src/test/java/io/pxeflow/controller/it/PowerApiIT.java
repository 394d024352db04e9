package io.pxeflow.controller.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.power.worker.PowerSettings;
import io.pxeflow.power.worker.PowerWorker;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.testkit.TestKafka;
import io.pxeflow.testkit.bmc.IpmiSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power through the controller's API, as ctl and curl use it: a controller and a real power
 * worker on the test broker, nodes whose BMCs are ipmi_sim. The API publishes the request with
 * the node's BMC (never a secret), the worker does it, and the controller's view shows the result
 * in the node, its history, /metrics and a second controller that starts later.
 */
class PowerApiIT {
    private static final String PASSWORD = "Rk3-bmc-pw";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    private static Topics topics;
    private static ControllerApp controller;
    private static PowerWorker worker;
    private static IpmiSimulator bmc;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        IpmiSimulator.assumeInstalled();
        bmc = IpmiSimulator.start(dir.resolve("bmc"), PASSWORD, null);
        Path credentials = Files.createDirectories(dir.resolve("credentials"));
        Files.writeString(credentials.resolve("rack3"), "username=admin\npassword=" + PASSWORD + "\n");
        Files.setPosixFilePermissions(credentials.resolve("rack3"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(credentials.resolve("old"), "username=admin\npassword=wrong\n");
        Files.setPosixFilePermissions(credentials.resolve("old"), PosixFilePermissions.fromString("rw-------"));
        topics = new Topics(TestKafka.uniquePrefix());
        Map<String, String> config = TestCluster.controllerConfig(TestKafka.bootstrapServers(), topics.prefix(), "power-it",
            Files.createDirectories(dir.resolve("controller")), 2);
        config.put("bootloop.answers", "3");
        config.put("bootloop.power-off", "true");
        controller = Controllers.startReady(config);
        base = "http://127.0.0.1:" + controller.httpPort();
        worker = new PowerWorker(TestKafka.bootstrapServers(), PowerSettings.fromMap(Map.of("topic.prefix", topics.prefix(),
            "power.id", "rack3", "bmc.credentials-dir", credentials.toString(), "call.timeout-ms", "3000",
            "retry.attempts", "1")), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).start();
        String inventory = String.join("\n",
            "master 172.30.3.1",
            "netmask 255.255.255.0",
            "iprange 172.30.3.10 172.30.3.99",
            "class compute kernelimage /boot/vmlinuz",
            "class compute bmccredentials rack3",
            "node 1 compute pxe+local local name=r3n1 bmc=" + bmc.address() + " 52:54:00:30:03:01",
            "node 2 compute pxe+local local name=r3n2 52:54:00:30:03:02",
            "node 3 compute pxe+local local name=r3n3 bmc=" + bmc.address() + " bmccredentials=old 52:54:00:30:03:03",
            "node 4 compute pxe+local pxe name=r3n4 bmc=" + bmc.address() + " 52:54:00:30:03:04", "");
        HttpResponse<String> imported = call("POST", "/api/v1/inventory", inventory, "text/plain");
        assertEquals(200, imported.statusCode(), imported.body());
        Controllers.awaitNode(controller, "r3n4", s -> true, "imported");
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (controller != null) {
            controller.close();
        }
        if (bmc != null) {
            bmc.close();
        }
    }

    private static HttpResponse<String> call(String method, String path, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + TestCluster.TOKEN);
        if (body != null) {
            b.header("Content-Type", type);
        }
        return HTTP.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    private static HttpResponse<String> power(String node, String body) throws Exception {
        return call("POST", "/api/v1/nodes/" + node + "/power?wait=30", body, "application/json");
    }

    @Test
    void reinstallSetsPxeOnceAndCyclesAndTheNodeShowsItsPower() throws Exception {
        HttpResponse<String> r = power("r3n1", "{\"action\": \"cycle\", \"pxeOnce\": true}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode result = json(r);
        assertEquals("succeeded", result.path("outcome").asText());
        assertEquals("on", result.path("state").asText());
        assertEquals("rack3", result.path("worker").asText());
        assertEquals("pxe", bmc.bootDevice());
        assertTrue(bmc.operations().contains("set boot pxe"), bmc.operations().toString());

        JsonNode node = json(call("GET", "/api/v1/nodes/r3n1", null, null));
        assertEquals("on", node.path("powerState").asText());
        assertEquals(bmc.address(), node.path("power").path("bmc").path("address").asText());
        assertEquals("ipmi", node.path("power").path("bmc").path("protocol").asText());
        assertEquals("rack3", node.path("power").path("bmc").path("credentials").asText(), "the class's credentials");
        assertEquals(result.path("requestId").asText(), node.path("power").path("last").path("requestId").asText());
        assertTrue(node.path("events").toString().contains("\"kind\":\"power\""), node.path("events").toString());
        assertEquals("on", json(call("GET", "/api/v1/nodes/r3n1/power", null, null)).path("state").asText());
        Map<String, JsonNode> brief = new java.util.HashMap<>();
        json(call("GET", "/api/v1/nodes?view=brief", null, null)).path("nodes").forEach(n -> brief.put(n.path("name").asText(), n));
        assertEquals("on", brief.get("r3n1").path("powerState").asText());
        assertTrue(brief.get("r3n1").path("power").isMissingNode(), "the brief view has the flat field only");
        assertTrue(brief.get("r3n2").path("powerState").isMissingNode(), "r3n2 has no BMC");
    }

    @Test
    void noSecretLeavesTheHeadNodesFile() throws Exception {
        power("r3n1", "{\"action\": \"status\"}");
        for (String path : new String[] {"/api/v1/nodes/r3n1", "/api/v1/nodes", "/api/v1/inventory", "/api/v1/events",
            "/api/v1/nodes/r3n1/power", "/metrics"}) {
            String body = call("GET", path, null, null).body();
            assertFalse(body.contains(PASSWORD), path + " shows the BMC password");
        }
        String export = call("GET", "/api/v1/inventory", null, null).body();
        assertTrue(export.contains("bmc=" + bmc.address()), export);
    }

    @Test
    void aNodeWithoutBmcABadActionAndAnUnknownNodeAreRefusedClearly() throws Exception {
        HttpResponse<String> none = power("r3n2", "{\"action\": \"on\"}");
        assertEquals(409, none.statusCode());
        assertEquals("r3n2 has no BMC: give it one (bmc=ADDRESS on its node line, then ctl import)",
            json(none).path("error").path("message").asText());
        HttpResponse<String> bad = power("r3n1", "{\"action\": \"explode\"}");
        assertEquals(400, bad.statusCode());
        assertEquals("action", json(bad).path("error").path("field").asText());
        assertEquals(400, power("r3n1", "{\"action\": \"off\", \"pxeOnce\": true}").statusCode());
        HttpResponse<String> typo = power("r3n11", "{\"action\": \"on\"}");
        assertEquals(404, typo.statusCode());
        assertTrue(json(typo).path("error").path("message").asText().contains("did you mean r3n1"), typo.body());
        HttpRequest anonymous = HttpRequest.newBuilder(URI.create(base + "/api/v1/nodes/r3n1/power"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"off\"}")).build();
        assertEquals(401, HTTP.send(anonymous, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aBmcFailureIs502WithTheWorkersReason() throws Exception {
        HttpResponse<String> r = power("r3n3", "{\"action\": \"status\"}");
        assertEquals(502, r.statusCode(), r.body());
        assertEquals("power_failed", json(r).path("error").path("code").asText());
        assertEquals("r3n3: status failed (auth): r3n3's BMC ipmi://" + bmc.address() + " refused user admin: wrong user "
            + "name or password in credentials old", json(r).path("error").path("message").asText());
        assertEquals("auth", json(r).path("result").path("reason").asText());
        JsonNode node = json(call("GET", "/api/v1/nodes/r3n3", null, null));
        assertTrue(node.path("events").toString().contains("\"kind\":\"power-failed\""), node.toString());
    }

    @Test
    void withoutWaitingTheRequestIdIsFollowedToItsResult() throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/nodes/r3n1/power?wait=0", "{\"action\": \"status\"}",
            "application/json");
        assertEquals(202, r.statusCode(), r.body());
        String id = json(r).path("requestId").asText();
        Await.until(Duration.ofSeconds(30), () -> {
            try {
                return call("GET", "/api/v1/power/requests/" + id, null, null).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, () -> "the result of " + id);
        assertEquals("status", json(call("GET", "/api/v1/power/requests/" + id, null, null)).path("action").asText());
    }

    @Test
    void aBootLoopingNodeIsPoweredOffWhenThePolicyIsOn() throws Exception {
        assertEquals(200, power("r3n4", "{\"action\": \"on\"}").statusCode());
        assertEquals("1", bmc.power());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ipxe = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controller.bootPort()
                + "/boot/ipxe?mac=52:54:00:30:03:04")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ipxe.statusCode());
            // Each answer reaches the node's state before the next, as a rebooting node's would.
            int answers = i + 1;
            Controllers.awaitNode(controller, "r3n4", s -> s.pxeAnswers().size() >= answers || s.status().code()
                .equals("boot-loop"), "answered " + answers + " times");
        }
        Controllers.awaitNode(controller, "r3n4", s -> s.status().code().equals("boot-loop"), "boot-looping");
        Await.until(Duration.ofSeconds(30), () -> "0".equals(bmc.power()), () -> "r3n4's BMC powered off; calls "
            + bmc.operations());
        Await.until(Duration.ofSeconds(30), () -> controller.view().power().node("r3n4") != null
            && controller.view().power().node("r3n4").state().code().equals("off"), () -> "the view shows r3n4 off");
    }

    @Test
    void aControllerStartedLaterKnowsTheLastPowerStateAndServesItOnMetrics() throws Exception {
        assertEquals(200, power("r3n1", "{\"action\": \"on\"}").statusCode());
        Map<String, String> config = TestCluster.controllerConfig(TestKafka.bootstrapServers(), topics.prefix(),
            "power-it-2", Files.createDirectories(dir.resolve("controller2")), 2);
        try (ControllerApp second = Controllers.startReady(config)) {
            assertEquals("on", second.view().power().node("r3n1").state().code());
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.httpPort()
                + "/metrics")).header("Authorization", "Bearer " + TestCluster.TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("pxeflow_node_power_state{node=\"r3n1\",class=\"compute\"} 1"), metrics);
            assertFalse(metrics.contains("pxeflow_node_power_state{node=\"r3n2\""), "r3n2 has no BMC");
        }
    }
}
