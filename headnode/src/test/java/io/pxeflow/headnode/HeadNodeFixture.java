package io.pxeflow.headnode;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxeflow.bridge.BridgeConfig;
import io.pxeflow.bridge.BridgeDaemon;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.generator.worker.GeneratorWorker;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.testkit.TestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The all-in-one as {@code pxeflow up} wires it (a controller and a generator in this JVM, no
 * network setting), on the shared test broker under its own topic prefix, with what the network
 * ITs do to it: import a cluster file, read a node, wait for a node or a file, follow a DHCP
 * server's log with a real bridge.
 */
final class HeadNodeFixture implements AutoCloseable {
    static final String TOKEN = "network-it-token";
    static final Duration WAIT = Duration.ofSeconds(30);

    private final ControllerApp controller;
    private GeneratorWorker generator;
    private final String kafka;
    private final String prefix;
    private final Path generated;
    private final int ipxePort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HeadNodeFixture(ControllerApp controller, GeneratorWorker generator, String kafka, String prefix, Path generated,
                            int ipxePort) {
        this.controller = controller;
        this.generator = generator;
        this.kafka = kafka;
        this.prefix = prefix;
        this.generated = generated;
        this.ipxePort = ipxePort;
    }

    /**
     * Starts both under {@code data}; iPXE clients are sent to the endpoint's address from the
     * inventory with port {@code ipxePort} (0: the controller's node listener), plus {@code generatorSettings}.
     */
    static HeadNodeFixture start(Path data, int ipxePort, Map<String, String> generatorSettings) throws Exception {
        // dnsmasq and tftpd serve the tree as an unprivileged user; JUnit's temp dirs are 0700.
        Files.createDirectories(data);
        // Up to, never including, the temp root itself: /tmp must stay 1777 for everyone else.
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        for (Path p = data.toAbsolutePath().normalize(); p != null && p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String kafka = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap", kafka);
        m.put("topics.prefix", prefix);
        m.put("http.port", "0");
        m.put("instance.id", "network-it");
        m.put("state.dir", data.resolve("controller").toString());
        m.put("admin.token", TOKEN);
        m.put("topics.partitions", "3");
        ControllerApp controller = new ControllerApp(ControllerConfig.fromMap(m), ControllerApp.newRegistry()).start();
        int port = ipxePort == 0 ? controller.bootPort() : ipxePort;
        GeneratorWorker generator = GeneratorLauncher.start(kafka, prefix, data, null, port, ControllerApp.newRegistry(),
            generatorSettings);
        HeadNodeFixture head = new HeadNodeFixture(controller, generator, kafka, prefix, data.resolve("generated"), port);
        head.await("the controller is ready", controller::ready);
        return head;
    }

    Path generated() {
        return generated;
    }

    int httpPort() {
        return controller.httpPort();
    }

    /** The controller's node-facing listener: where iPXE clients fetch their script. */
    int bootPort() {
        return controller.bootPort();
    }

    GeneratorWorker generator() {
        return generator;
    }

    /** Stops the generator and starts it again with other settings on the same output; waits until it replayed. */
    void restartGenerator(Map<String, String> generatorSettings) throws InterruptedException {
        generator.close();
        generator = GeneratorLauncher.start(kafka, prefix, generated.getParent(), null, ipxePort, ControllerApp.newRegistry(),
            generatorSettings);
        if (!generator.awaitCaughtUp(WAIT)) {
            throw new AssertionError("the restarted generator did not catch up within " + WAIT);
        }
    }

    /** What {@code ctl import FILE} does; fails unless the import was applied. */
    void importInventory(String text) throws Exception {
        HttpResponse<String> r = post("/api/v1/inventory", text);
        if (r.statusCode() != 200) {
            throw new AssertionError("import refused: " + r.statusCode() + " " + r.body());
        }
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + path))
            .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What {@code ctl export} prints. */
    String export() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + "/api/v1/inventory"))
            .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    JsonNode node(String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort()
            + "/api/v1/nodes/" + name)).header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Json.mapper().readTree(r.body()) : Json.mapper().createObjectNode();
    }

    JsonNode awaitNode(String name, String what, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode n = node(name);
        while (!condition.test(n)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": " + what + ": not within " + WAIT + "; the node is " + n.toPrettyString());
            }
            Thread.sleep(100);
            n = node(name);
        }
        return n;
    }

    /** Whether the node's recent events show it entering {@code status}. */
    static boolean entered(JsonNode node, String status) {
        for (JsonNode e : node.path("events")) {
            if ("status-changed".equals(e.path("kind").asText()) && status.equals(e.path("to").asText())) {
                return true;
            }
        }
        return false;
    }

    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + WAIT);
            }
            Thread.sleep(50);
        }
    }

    static boolean fileContains(Path p, String s) {
        try {
            return Files.exists(p) && Files.readString(p).contains(s);
        } catch (IOException e) {
            return false;
        }
    }

    /** A real bridge following one DHCP/TFTP server's log ({@code dnsmasq-log}, {@code dhcpd-log} or {@code kea-log}). */
    BridgeDaemon bridge(Path spool, String logKey, Path log) {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap", kafka);
        m.put("topic-prefix", prefix);
        m.put("spool", spool.toString());
        m.put(logKey, log.toString());
        m.put("from-start", "true");
        m.put("server", "head1");
        m.put("tftp-roots", generated.resolve("tftpboot").toString());
        m.put("poll-ms", "50");
        m.put("spool-fsync", "false");
        return new BridgeDaemon(BridgeConfig.fromMap(m)).start();
    }

    @Override
    public void close() {
        generator.close();
        controller.close();
    }
}
