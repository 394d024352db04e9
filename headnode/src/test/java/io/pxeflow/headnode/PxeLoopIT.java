package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxeflow.bridge.BridgeConfig;
import io.pxeflow.bridge.BridgeDaemon;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.generator.worker.GeneratorWorker;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.testkit.TestKafka;
import io.pxeflow.testkit.netns.DnsmasqServer;
import io.pxeflow.testkit.netns.NetnsPair;
import io.pxeflow.testkit.netns.PxeClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7's whole loop with real parts: the all-in-one (controller and generator in this JVM,
 * as {@code pxeflow up} wires them, on the shared test broker), a real dnsmasq in one network
 * namespace serving the generator's output with the bridge's hook as its dhcp-script, the bridge
 * daemon reading the hook's spool and dnsmasq's log, and a busybox PXE client in another
 * namespace. A pxe+local node is installed once, then boots locally, then is reprovisioned.
 */
class PxeLoopIT {
    private static final String HEAD = "10.54.0.1";
    private static final String MAC = "00:a0:d1:e5:c4:6e";
    private static final String NODE = "node0";
    private static final String NODE_IP = "10.54.0.10";
    private static final String CONFIG = "pxelinux.cfg/01-00-a0-d1-e5-c4-6e";
    private static final String TOKEN = "pxe-loop-it-token";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String INVENTORY = String.join("\n",
        "nodes 4",
        "master " + HEAD,
        "netmask 255.255.0.0",
        "iprange 10.54.0.10 10.54.0.13",
        "class centos kernelimage /var/lib/pxeflow/boot/vmlinuz-centos",
        "class centos initrdimage /var/lib/pxeflow/boot/initrd-centos.img",
        "class centos kernelcommandline ks=nfs:10.54.0.1:/home/os/ks.cfg ksdevice=eth0",
        "class centos advance on-pxe-served",
        "node 0 centos pxe+local pxe " + MAC,
        "node 1 centos pxe+local local 00:a0:d1:e5:c4:71",
        "");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @Test
    void aRealPxeBootFlipsTheStageAndReprovisionFlipsItBack() throws Exception {
        try (NetnsPair net = NetnsPair.create(NetnsPair.End.addressed(HEAD + "/16"), NetnsPair.End.unaddressed(MAC))) {
            // dnsmasq serves TFTP as an unprivileged user; JUnit's temp dir is 0700.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path data = dir.resolve("data");
            Path generated = data.resolve("generated");
            Path spool = dir.resolve("spool");
            Path dnsmasqDir = dir.resolve("dnsmasq");
            String kafka = TestKafka.bootstrapServers();
            String prefix = TestKafka.uniquePrefix();

            try (ControllerApp controller = new ControllerApp(ControllerConfig.fromMap(
                    HeadNodeWiring.controllerSettings(kafka, prefix, data, "pxe-loop-it", TOKEN, 3)),
                    ControllerApp.newRegistry()).start();
                 GeneratorWorker generator = GeneratorLauncher.start(kafka, prefix, data, HEAD, controller.bootPort(),
                    ControllerApp.newRegistry(), Map.of());
                 BridgeDaemon bridge = new BridgeDaemon(BridgeConfig.fromMap(HeadNodeWiring.bridgeSettings(kafka, prefix, spool,
                    dnsmasqDir.resolve("dnsmasq.log"), generated.resolve("tftpboot"), "head1"))).start()) {
                port = controller.httpPort();
                await("the controller is ready", controller::ready);
                HttpResponse<String> imported = post("/api/v1/inventory", INVENTORY);
                assertEquals(200, imported.statusCode(), imported.body());
                await("the generator wrote node0's installer config and the dnsmasq snippet",
                    () -> fileContains(generated.resolve("tftpboot/" + CONFIG), "KERNEL ")
                        && Files.exists(generated.resolve("dnsmasq/pxeflow.conf")));

                try (DnsmasqServer dnsmasq = DnsmasqServer.start(net.a(), dnsmasqDir, Map.of("PXEFLOW_SPOOL", spool.toString()),
                        generated.resolve("dnsmasq/pxeflow.conf"), "--log-dhcp", "--dhcp-script=" + HeadNodeWiring.hook(dir))) {
                    PxeClient client = new PxeClient(net.b(), dir.resolve("client"));

                    // Boot 1: DHCP, then the installer config over TFTP.
                    PxeClient.Lease lease = client.dhcp(WAIT);
                    assertEquals(NODE_IP, lease.ip(), dnsmasq.logText());
                    assertEquals("pxelinux.0", lease.bootFile());
                    awaitNode("the controller saw node0's DHCP", n -> hasStatusEvent(n, "dhcp"));
                    String installer = client.fetch(HEAD, CONFIG);
                    assertTrue(installer.contains("KERNEL ") && installer.contains("pxeflow.node=node0"), installer);
                    JsonNode flipped = awaitNode("the served installer flipped node0 to local",
                        n -> "local".equals(n.path("stage").asText()) && n.path("configApplied").asBoolean());
                    assertTrue(statusEventTime(flipped, "dhcp").compareTo(statusEventTime(flipped, "netbooting")) <= 0,
                        "DHCP came before the served config: " + flipped.path("events"));
                    await("the generator rewrote node0's config", () -> fileContains(generated.resolve("tftpboot/" + CONFIG),
                        "LOCALBOOT"));

                    // Boot 2: told to boot its disk.
                    assertEquals(NODE_IP, client.dhcp(WAIT).ip());
                    String local = client.fetch(HEAD, CONFIG);
                    assertTrue(local.contains("LOCALBOOT 0"), local);
                    assertFalse(local.contains("KERNEL "), local);
                    JsonNode booted = awaitNode("the controller saw boot 2's DHCP and its boot-next answer",
                        n -> statusChanges(n).equals(List.of("dhcp", "netbooting", "dhcp", "booting")));
                    assertEquals("local", booted.path("stage").asText());
                    assertFalse(booted.path("events").toString().contains("boot-loop"),
                        "one install and one local boot, each reported by hook and log, are not a boot-loop");

                    // Reprovision (what `ctl reprovision node0` sends): the installer again at the next boot.
                    HttpResponse<String> reprovision = post("/api/v1/nodes/" + NODE + "/reprovision", "{}");
                    assertEquals(200, reprovision.statusCode(), reprovision.body());
                    assertEquals("pxe", Json.mapper().readTree(reprovision.body()).path("stage").asText());
                    awaitNode("the reprovision's config was applied", n -> "pxe".equals(n.path("stage").asText())
                        && n.path("configApplied").asBoolean());
                    await("the generator rewrote node0's config", () -> fileContains(generated.resolve("tftpboot/" + CONFIG),
                        "KERNEL "));
                    assertEquals(NODE_IP, client.dhcp(WAIT).ip());
                    String again = client.fetch(HEAD, CONFIG);
                    assertTrue(again.contains("KERNEL ") && !again.contains("LOCALBOOT"), again);
                    awaitNode("the second install flipped node0 to local again", n -> "local".equals(n.path("stage").asText()));
                    assertTrue(bridge.metrics().produced() > 0);
                }
            }
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode node() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/nodes/"
            + NODE)).header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Json.mapper().readTree(r.body()) : Json.mapper().createObjectNode();
    }

    private JsonNode awaitNode(String what, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode n = node();
        while (!condition.test(n)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + WAIT + "; node0 is " + n.toPrettyString());
            }
            Thread.sleep(100);
            n = node();
        }
        return n;
    }

    /** The statuses node0 went through, oldest first. */
    private static List<String> statusChanges(JsonNode node) {
        List<String> to = new ArrayList<>();
        for (JsonNode e : node.path("events")) {
            if ("status-changed".equals(e.path("kind").asText())) {
                to.add(e.path("to").asText());
            }
        }
        return to;
    }

    private static boolean hasStatusEvent(JsonNode node, String status) {
        return statusEventTime(node, status) != null;
    }

    /** When node0 last entered {@code status}, from the recent events GET /api/v1/nodes/{name} carries. */
    private static Instant statusEventTime(JsonNode node, String status) {
        List<Instant> times = new ArrayList<>();
        for (JsonNode e : node.path("events")) {
            if ("status-changed".equals(e.path("kind").asText()) && status.equals(e.path("to").asText())) {
                times.add(Instant.parse(e.path("time").asText()));
            }
        }
        return times.stream().max(Instant::compareTo).orElse(null);
    }

    private static boolean fileContains(Path p, String s) {
        try {
            return Files.exists(p) && Files.readString(p).contains(s);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        HeadNodeWiring.await(what, WAIT, condition);
    }
}
