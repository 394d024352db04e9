package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.bridge.BridgeConfig;
import io.pxeflow.bridge.BridgeDaemon;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.domain.NodeInput;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.generator.worker.GeneratorWorker;
import io.pxeflow.metrics.MetricsServer;
import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.reporter.HeartbeatLoop;
import io.pxeflow.reporter.ReporterConfig;
import io.pxeflow.simulator.TopicSnapshot;
import io.pxeflow.simulator.Wire;
import io.pxeflow.testkit.KafkaTestClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 9's broker-stop torture: a 200-node boot storm through the bridge, with a controller, a
 * generator, a bridge and a node reporter each on its own Kafka clients in this JVM, against a
 * broker this test owns. Mid-storm the broker stops for 30 s while the storm goes on. Meanwhile
 * every component must stay alive and say it is not ready, and an admin's write must fail
 * promptly with 503; after the broker is back every component must recover by itself: the
 * bridge delivers every event it received, the controller's node states are those of the pure
 * state machine run without an outage, the generator's files follow, the reporter's latest
 * heartbeat arrives, and everyone is ready again.
 */
class BrokerOutageIT {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageIT.class);
    private static final int NODES = 200;
    private static final int BEFORE_OUTAGE = 100;
    private static final long OUTAGE_MS = 30_000;
    private static final String TOKEN = "broker-outage-it";
    /** Its heartbeats come from a real reporter; every other node's from the test's heartbeat feed. */
    private static final String REPORTED = "node0";
    /** Reprovisioned by an admin during the outage (refused) and again after it (applied). */
    private static final String REPROVISIONED = "node1";
    private static final int HEARTBEAT_SECONDS = 2;
    private static final List<String> THREADS = List.of("outage-ctl-StreamThread-", "cluster-view", "generator-generator-1",
        "pxeflow-bridge", "pxeflow-reporter");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Topics topics = new Topics(Topics.DEFAULT_PREFIX);
    private int apiPort;
    private int generatorPort;

    @Test
    void brokerStopsFor30sMidStorm_componentsSurviveSayNotReadyAndConvergeLosingNothing() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).port(freePort())
                .partitions(3).build().start()) {
            String kafka = broker.bootstrapServers();
            PrometheusMeterRegistry generatorRegistry = ControllerApp.newRegistry();
            try (ControllerApp controller = new ControllerApp(ControllerConfig.fromMap(controllerSettings(kafka)),
                     ControllerApp.newRegistry()).start();
                 GeneratorWorker generator = GeneratorLauncher.start(kafka, topics.prefix(), dir, "10.60.0.1", controller.bootPort(),
                     generatorRegistry, Map.of());
                 MetricsServer generatorHttp = new MetricsServer(0, generatorRegistry, generator::ready,
                     "config topic not replayed or Kafka unreachable");
                 BridgeDaemon bridge = new BridgeDaemon(BridgeConfig.fromMap(bridgeSettings(kafka))).start();
                 HeartbeatFeed feed = new HeartbeatFeed(kafka, topics.heartbeats(), HEARTBEAT_SECONDS)) {
                apiPort = controller.httpPort();
                generatorPort = generatorHttp.port();
                await("the controller is ready", Duration.ofSeconds(60), controller::ready);
                HttpResponse<String> imported = send("POST", "/api/v1/inventory", inventory());
                assertEquals(200, imported.statusCode(), imported.body());
                await("the generator rendered every node's installer config", Duration.ofSeconds(60),
                    () -> generator.ready() && allNodes(i -> fileContains(pxelinux(i), "KERNEL ")));
                OutageReference reference = new OutageReference(awaitRegistered(kafka));
                // Syslog stamps are whole seconds: the first served file must come after the registration's second.
                Thread.sleep(1100);
                BootTraffic traffic = new BootTraffic(dir.resolve("dnsmasq.log"), dir.resolve("spool/incoming"));

                // Before the outage: half the nodes boot through the bridge; the real reporter starts on node0.
                for (int i = 0; i < BEFORE_OUTAGE; i++) {
                    boot(traffic, feed, i);
                    Thread.sleep(20);
                }
                ReporterConfig reporterConfig = ReporterConfig.fromMap(Map.of("bootstrap", kafka, "interval", "1",
                    "node", REPORTED, "topic.prefix", topics.prefix()));
                try (HeartbeatLoop reporter = HeartbeatLoop.start(reporterConfig, REPORTED)) {
                    await("the first wave is applied and everyone is ready", Duration.ofSeconds(60),
                        () -> stageOf(controller, REPROVISIONED) == BootStage.LOCAL && status("/readyz") == 200
                            && status(generatorPort, "/readyz") == 200 && bridge.ready() && reporter.stats().kafkaReachable());
                    Map<String, Thread> threadsBefore = threads();

                    // The outage: the storm goes on, the admin tries a write, everyone is watched.
                    long stoppedAt = System.nanoTime();
                    broker.stop();
                    LOG.info("broker stopped; {} nodes booted so far", BEFORE_OUTAGE);
                    CompletableFuture<Timed<HttpResponse<String>>> refusedWrite = null;
                    List<String> readyWhileDown = new ArrayList<>();
                    int next = BEFORE_OUTAGE;
                    long sampledAtRestart = 0;
                    int samples = 0;
                    while (sinceMs(stoppedAt) < OUTAGE_MS) {
                        for (int k = 0; k < 10 && next < NODES; k++, next++) {
                            boot(traffic, feed, next);
                        }
                        if (refusedWrite == null && sinceMs(stoppedAt) > 3_000) {
                            refusedWrite = CompletableFuture.supplyAsync(() -> timed(() ->
                                send("POST", "/api/v1/nodes/" + REPROVISIONED + "/reprovision?wait=5", "{}")));
                        }
                        if (sinceMs(stoppedAt) > 15_000) {
                            samples++;
                            readyWhileDown.addAll(readyOnes(bridge, reporter));
                            assertAlive(threadsBefore, "during the outage");
                        }
                        Thread.sleep(1000);
                    }
                    assertTrue(next == NODES, "the whole storm was written during the outage");
                    Map<String, Long> read = bridge.metrics().snapshot();
                    assertEquals(traffic.lines(), read.get("lines_read"), "the bridge read every log line while Kafka was away");
                    assertEquals(traffic.hookCalls(), read.get("hook_calls"), "and took every hook file");
                    assertTrue(bridge.metrics().produced() + bridge.spooled() >= traffic.expected().size(),
                        "every event is delivered or spooled: " + read + ", spooled " + bridge.spooled());
                    assertTrue(samples >= 10, "readiness sampled " + samples + " times in the outage's second half");
                    assertEquals(List.of(), readyWhileDown, "components that said ready while the broker was down");
                    assertTrue(refusedWrite != null && refusedWrite.isDone(), "the admin's write during the outage answered");
                    Timed<HttpResponse<String>> refused = refusedWrite.join();
                    LOG.info("write during the outage: {} after {} ms: {}", refused.value().statusCode(), refused.ms(),
                        refused.value().body());
                    assertEquals(503, refused.value().statusCode(), refused.value().body());
                    assertTrue(refused.value().body().contains("unavailable"), refused.value().body());
                    assertTrue(bridge.spooled() > 0, "the bridge kept what it received in its spool");
                    sampledAtRestart = reporter.stats().sampled();

                    // The broker comes back on the same port and data; nobody is restarted.
                    long restartAt = System.nanoTime();
                    broker.start();
                    LOG.info("broker restarted after {} ms of outage", sinceMs(stoppedAt));
                    CompletableFuture<Map<String, Long>> readyAgain = CompletableFuture.supplyAsync(
                        () -> firstReady(bridge, reporter, restartAt));
                    Timed<HttpResponse<String>> applied = timed(() -> retryWhile503(
                        () -> send("POST", "/api/v1/nodes/" + REPROVISIONED + "/reprovision?wait=30", "{}")));
                    LOG.info("write after the outage: {} after {} ms", applied.value().statusCode(), applied.ms());
                    assertTrue(applied.value().statusCode() == 200 || applied.value().statusCode() == 202,
                        "an admin's write works again once the broker is back: " + applied.value().statusCode() + " "
                            + applied.value().body());
                    Map<String, Long> readyAfter = readyAgain.join();
                    LOG.info("ready again after the restart (ms): {}", readyAfter);
                    assertEquals(Set.of("controller", "generator", "bridge", "reporter"), readyAfter.keySet(),
                        "every component is ready again within 90 s of the restart: " + readiness(bridge, reporter)
                            + "; controller says " + readyz());
                    await("the bridge emptied its spool", Duration.ofSeconds(60), () -> bridge.spooled() == 0);

                    // A round of heartbeats begun after this point reaches every node, so each one's latest is sent.
                    long rounds = feed.fullRounds();
                    await("the heartbeat feed completes a round after the restart", Duration.ofSeconds(60),
                        () -> feed.fullRounds() >= rounds + 2);
                    // The reference: every node's boot as it was made, then the admin's write, then the latest heartbeat.
                    List<BootTraffic.Expected> sent = traffic.expected();
                    sent.forEach(reference::apply);
                    reference.apply(REPROVISIONED, new NodeInput.Cmd(new Command.Reprovision(REPROVISIONED,
                        new Command.Meta("reference-1", "it", Instant.now()), false)), Instant.now());
                    for (int i = 0; i < NODES; i++) {
                        reference.heartbeat(lastBeat(feed, reporterConfig, i));
                    }
                    Map<String, OutageReference.Summary> want = reference.summaries();
                    AtomicReference<Map<String, OutageReference.Summary>> got = new AtomicReference<>();
                    await("the controller's node states equal the uninterrupted reference", Duration.ofSeconds(90), () -> {
                        got.set(summaries(kafka));
                        return got.get().equals(want);
                    }, () -> firstDifferences(want, got.get()));
                    LOG.info("node states converged {} ms after the restart", sinceMs(restartAt));

                    assertBridgeDeliveredEverything(kafka, sent);
                    assertEquals(reference.stageChanges(), stageChanges(kafka), "stage changes per node: none lost, none doubled");
                    await("the generator's pxelinux files follow every node's stage", Duration.ofSeconds(60),
                        () -> allNodes(i -> fileContains(pxelinux(i), want.get(name(i)).stage() == BootStage.LOCAL
                            ? "LOCALBOOT" : "KERNEL ")));
                    long after = sampledAtRestart;
                    assertTrue(reporterBeatAfter(kafka, after), "the reporter's heartbeats sampled after the outage arrive");
                    assertAlive(threadsBefore, "after the outage");
                    LOG.info("bridge after the outage: {}; reporter: {}", bridge.metrics().snapshot(), reporter.stats());
                }
            }
        }
    }

    // --- the storm ----------------------------------------------------------------------------

    private void boot(BootTraffic traffic, HeartbeatFeed feed, int i) throws IOException {
        // A third of the nodes after the first wave report their lease through the dnsmasq hook.
        traffic.boot(name(i), mac(i), ip(i), i >= BEFORE_OUTAGE && i % 3 == 0);
        if (!REPORTED.equals(name(i))) {
            feed.add(name(i));
        }
    }

    private static Heartbeat lastBeat(HeartbeatFeed feed, ReporterConfig reporter, int i) throws IOException {
        if (REPORTED.equals(name(i))) {
            String bootId = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
            return Wire.heartbeat(REPORTED, bootId, 1, reporter.intervalSeconds(), Instant.now());
        }
        return feed.last(name(i));
    }

    private static String inventory() {
        StringBuilder sb = new StringBuilder();
        sb.append("nodes ").append(NODES).append('\n');
        sb.append("master 10.60.0.1\nnetmask 255.255.0.0\n");
        sb.append("iprange ").append(ip(0)).append(' ').append(ip(NODES - 1)).append('\n');
        sb.append("class centos kernelimage /srv/tftp/images/vmlinuz\n");
        sb.append("class centos initrdimage /srv/tftp/images/initrd.img\n");
        sb.append("class centos kernelcommandline ks=nfs:10.60.0.1:/ks.cfg\n");
        sb.append("class centos advance on-pxe-served\n");
        sb.append("class scyld kernelimage /srv/tftp/images/vmlinuz\n");
        sb.append("class scyld initrdimage /srv/tftp/images/initrd.img\n");
        sb.append("class scyld kernelcommandline rw ip=dhcp\n");
        for (int i = 0; i < NODES; i++) {
            // Every fourth node is diskless (netboots every time); the others install once.
            sb.append("node ").append(i).append(i % 4 == 3 ? " scyld pxe pxe " : " centos pxe+local pxe ")
                .append(mac(i).value()).append('\n');
        }
        return sb.toString();
    }

    static String name(int i) {
        return "node" + i;
    }

    private static MacAddress mac(int i) {
        return MacAddress.of(String.format("02:5e:00:00:%02x:%02x", i / 256, i % 256));
    }

    private static String ip(int i) {
        return "10.60." + ((10 + i) / 256) + "." + ((10 + i) % 256);
    }

    private Path pxelinux(int i) {
        return dir.resolve("generated/tftpboot/pxelinux.cfg/" + mac(i).pxelinuxName());
    }

    // --- what the components say ------------------------------------------------------------

    /** Each component's readiness, as an admin or a supervisor would read it. */
    private Map<String, Boolean> readiness(BridgeDaemon bridge, HeartbeatLoop reporter) {
        Map<String, Boolean> m = new TreeMap<>();
        m.put("controller", status("/readyz") == 200);
        m.put("generator", status(generatorPort, "/readyz") == 200);
        m.put("bridge", bridge.ready());
        m.put("reporter", reporter.stats().kafkaReachable());
        return m;
    }

    /** When each component first said ready after {@code since}; gives up 90 s after it. */
    private Map<String, Long> firstReady(BridgeDaemon bridge, HeartbeatLoop reporter, long since) {
        Map<String, Long> first = new TreeMap<>();
        while (first.size() < 4 && sinceMs(since) < 90_000) {
            readiness(bridge, reporter).forEach((c, ready) -> {
                if (ready) {
                    first.putIfAbsent(c, sinceMs(since));
                }
            });
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return first;
    }

    /** The components that said ready, with what they said; and every process still answers /healthz. */
    private List<String> readyOnes(BridgeDaemon bridge, HeartbeatLoop reporter) {
        List<String> out = new ArrayList<>();
        readiness(bridge, reporter).forEach((component, ready) -> {
            if (ready) {
                out.add(component);
            }
        });
        if (out.contains("controller")) {
            out.set(out.indexOf("controller"), "controller (/readyz " + readyz() + ")");
        }
        assertEquals(200, status("/healthz"), "the controller answers /healthz");
        assertEquals(200, status(generatorPort, "/healthz"), "the generator answers /healthz");
        return out;
    }

    private static Map<String, Thread> threads() {
        Map<String, Thread> m = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            for (String prefix : THREADS) {
                if (t.getName().startsWith(prefix)) {
                    m.put(t.getName(), t);
                }
            }
        }
        for (String prefix : THREADS) {
            assertTrue(m.keySet().stream().anyMatch(n -> n.startsWith(prefix)), "a thread named " + prefix + "* runs: " + m.keySet());
        }
        return m;
    }

    private static void assertAlive(Map<String, Thread> before, String when) {
        List<String> dead = new ArrayList<>();
        before.forEach((name, t) -> {
            if (!t.isAlive()) {
                dead.add(name);
            }
        });
        assertEquals(List.of(), dead, "threads that died " + when);
    }

    private Map<String, NodeState> awaitRegistered(String kafka) {
        AtomicReference<Map<String, NodeState>> seen = new AtomicReference<>();
        await("all nodes are registered on the nodes topic", Duration.ofSeconds(30), () -> {
            seen.set(nodeStates(kafka));
            return seen.get().size() == NODES;
        });
        return seen.get();
    }

    private static Map<String, NodeState> nodeStates(String kafka) {
        Map<String, NodeState> m = new TreeMap<>();
        TopicSnapshot.read(kafka, Topics.DEFAULT_PREFIX + "nodes", Duration.ofSeconds(20)).forEach((k, v) -> {
            if (Codec.NODE_STATE.decode(v) instanceof Decoded.Ok<NodeState> ok) {
                m.put(k, ok.value());
            }
        });
        return m;
    }

    private static Map<String, OutageReference.Summary> summaries(String kafka) {
        Map<String, OutageReference.Summary> m = new TreeMap<>();
        nodeStates(kafka).forEach((k, s) -> m.put(k, OutageReference.Summary.of(s)));
        return m;
    }

    private static String firstDifferences(Map<String, OutageReference.Summary> want, Map<String, OutageReference.Summary> got) {
        List<String> out = new ArrayList<>();
        want.forEach((name, s) -> {
            OutageReference.Summary g = got == null ? null : got.get(name);
            if (!s.equals(g) && out.size() < 8) {
                out.add(name + ": want " + s + ", got " + g);
            }
        });
        return out.toString();
    }

    /**
     * Every event made before, during and after the outage is on its topic under the bridge's
     * key, byte for byte as the bridge's parser makes it. The bridge is at-least-once, so a
     * re-sent batch may appear twice; the count is logged, and nothing else may appear.
     */
    private void assertBridgeDeliveredEverything(String kafka, List<BootTraffic.Expected> sent) {
        Map<String, Integer> onTopics = new HashMap<>();
        for (String topic : List.of(topics.dhcp(), topics.pxe())) {
            for (ConsumerRecord<String, byte[]> r : readAll(kafka, topic)) {
                onTopics.merge(topic + " " + r.key() + " " + new String(r.value(), StandardCharsets.UTF_8), 1, Integer::sum);
            }
        }
        Map<String, Integer> want = new HashMap<>();
        for (BootTraffic.Expected e : sent) {
            String topic = e.event() instanceof DhcpEvent ? topics.dhcp() : topics.pxe();
            byte[] bytes = e.event() instanceof DhcpEvent d ? Codec.DHCP.encode(d) : Codec.PXE.encode((PxeEvent) e.event());
            // Keyed by the node that owns the client: the bridge looked it up in the addresses topic.
            want.merge(topic + " " + e.node() + " " + new String(bytes, StandardCharsets.UTF_8), 1,
                Integer::sum);
        }
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        int duplicates = 0;
        for (var e : want.entrySet()) {
            int got = onTopics.getOrDefault(e.getKey(), 0);
            if (got < e.getValue()) {
                missing.add(e.getKey());
            }
            duplicates += Math.max(0, got - e.getValue());
        }
        for (String k : onTopics.keySet()) {
            if (!want.containsKey(k)) {
                extra.add(k);
            }
        }
        LOG.info("bridge delivery: {} events made, {} distinct on the topics, {} missing, {} duplicated, {} unexpected",
            sent.size(), onTopics.size(), missing.size(), duplicates, extra.size());
        assertEquals(List.of(), missing.subList(0, Math.min(5, missing.size())), missing.size() + " events never reached Kafka");
        assertEquals(List.of(), extra.subList(0, Math.min(5, extra.size())), "events nobody made");
    }

    private Map<String, Long> stageChanges(String kafka) {
        Map<String, Long> m = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(kafka, topics.events())) {
            if (Codec.EVENT.decode(r.value()) instanceof Decoded.Ok<LifecycleEvent> ok && ok.value().node() != null) {
                LifecycleEvent e = ok.value();
                assertTrue(e.kind() != LifecycleKind.BOOT_LOOP, "no node was taken for boot-looping: " + e);
                if (e.kind() == LifecycleKind.STAGE_CHANGED) {
                    m.merge(e.node(), 1L, Long::sum);
                }
            }
        }
        for (int i = 0; i < NODES; i++) {
            m.putIfAbsent(name(i), 0L);
        }
        return m;
    }

    /** Whether a heartbeat of the reporter's node newer than {@code seq} is on the topic (which never goes quiet). */
    private boolean reporterBeatAfter(String kafka, long seq) {
        return KafkaTestClients.readUntil(kafka, topics.heartbeats(), Duration.ofSeconds(30), seen -> seen.stream()
            .anyMatch(r -> REPORTED.equals(r.key()) && Codec.HEARTBEAT.decode(r.value()) instanceof Decoded.Ok<Heartbeat> ok
                && ok.value().seq() > seq)).stream().anyMatch(r -> REPORTED.equals(r.key()));
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String kafka, String topic) {
        long[] quiet = {0};
        int[] last = {-1};
        // The topics are not compacted; read until two polls in a row bring nothing new.
        return KafkaTestClients.readUntil(kafka, topic, Duration.ofSeconds(30), seen -> {
            quiet[0] = seen.size() == last[0] ? quiet[0] + 1 : 0;
            last[0] = seen.size();
            return !seen.isEmpty() && quiet[0] >= 5;
        });
    }

    private static BootStage stageOf(ControllerApp controller, String node) {
        NodeState s = controller.view().node(node);
        return s == null ? null : s.stage();
    }

    // --- settings ---------------------------------------------------------------------------

    private Map<String, String> controllerSettings(String kafka) {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap", kafka);
        m.put("http.port", "0");
        m.put("instance.id", "outage-ctl");
        m.put("state.dir", dir.resolve("controller").toString());
        m.put("admin.token", TOKEN);
        m.put("topics.partitions", "3");
        return m;
    }

    private Map<String, String> bridgeSettings(String kafka) {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap", kafka);
        m.put("spool", dir.resolve("spool").toString());
        m.put("dnsmasq-log", dir.resolve("dnsmasq.log").toString());
        m.put("from-start", "true");
        m.put("server", BootTraffic.SERVER);
        m.put("zone", "UTC");
        m.put("tftp-roots", BootTraffic.TFTP_ROOT);
        m.put("poll-ms", "100");
        m.put("spool-fsync", "false");
        m.put("kafka-timeout-ms", "2000");
        m.put("kafka-retry-max-ms", "2000");
        return m;
    }

    // --- plumbing -----------------------------------------------------------------------------

    /** A value and how long it took. */
    record Timed<T>(T value, long ms) {
    }

    /** A call that may throw checked exceptions. */
    interface Call<T> {
        T call() throws Exception;
    }

    private static <T> Timed<T> timed(Call<T> call) {
        long t0 = System.nanoTime();
        try {
            T v = call.call();
            return new Timed<>(v, sinceMs(t0));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> retryWhile503(Call<HttpResponse<String>> call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> r = call.call();
        while (r.statusCode() == 503 && System.nanoTime() < deadline) {
            LOG.info("write refused while the broker comes back: {}", r.body());
            Thread.sleep(1000);
            r = call.call();
        }
        return r;
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
            .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(90))
            .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String path) {
        return status(apiPort, path);
    }

    private String readyz() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/readyz"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body().trim();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private int status(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean fileContains(Path p, String text) {
        try {
            return Files.exists(p) && Files.readString(p).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean allNodes(java.util.function.IntPredicate p) {
        for (int i = 0; i < NODES; i++) {
            if (!p.test(i)) {
                return false;
            }
        }
        return true;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, condition, () -> "");
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> detail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout + " " + detail.get());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what + ": interrupted");
            }
        }
    }

    private static long sinceMs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
