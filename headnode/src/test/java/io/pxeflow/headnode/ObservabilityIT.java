package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.bridge.BridgeCommand;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.generator.worker.GeneratorWorker;
import io.pxeflow.power.worker.PowerSettings;
import io.pxeflow.power.worker.PowerWorker;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.reporter.HeartbeatLoop;
import io.pxeflow.reporter.ReporterConfig;
import io.pxeflow.testkit.TestKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The all-in-one (controller and generator on a real broker, one registry as in {@code pxeflow
 * up}), a bridge run by its command with {@code --metrics-port}, and a real node reporter, each
 * scraped twice: once idle, right after the example inventory is imported and before any boot,
 * heartbeat or bad record, and once fed with boot traffic (through the bridge's log and the demo
 * feed) and heartbeats until every series has samples. Prometheus' promtool must accept every
 * scrape without a remark, and every metric a dashboard or an alerting rule queries must be in
 * them: idle already, but for a node's heartbeat readings, which no node has before it reports.
 */
class ObservabilityIT {
    private static final String TOKEN = "observability-it-token";
    /** Families that only have samples once the feed produced a down node, a boot-loop, a reboot... */
    private static final List<String> MUST_HAVE_SAMPLES = List.of("pxeflow_node_info", "pxeflow_node_load1",
        "pxeflow_node_network_receive_bytes_total", "pxeflow_node_filesystem_used_bytes", "pxeflow_config_pending_nodes",
        "pxeflow_consumer_lag_records", "pxeflow_dead_letters_total", "pxeflow_http_request_duration_seconds_count",
        "pxeflow_generator_renders_total", "pxeflow_node_power_state", "pxeflow_power_failures_total");
    /**
     * What a node's heartbeat (or its BMC) carries: a node that has not reported has no load, no
     * memory, no filesystems, no age of its last heartbeat and no power state; a 0 would be a lie. The only series allowed to
     * be missing from the idle scrape.
     */
    private static final Set<String> HEARTBEAT_READINGS = Set.of("pxeflow_node_cpu_busy_ratio",
        "pxeflow_node_cpu_iowait_ratio", "pxeflow_node_filesystem_size_bytes", "pxeflow_node_filesystem_used_bytes",
        "pxeflow_node_heartbeat_age_seconds", "pxeflow_node_load1", "pxeflow_node_memory_available_bytes",
        "pxeflow_node_memory_used_bytes", "pxeflow_node_network_receive_bytes_total",
        "pxeflow_node_network_transmit_bytes_total", "pxeflow_node_swap_used_bytes", "pxeflow_node_uptime_seconds",
        // Not the reporter's but a BMC's: a node's power state exists once a power worker reported it.
        "pxeflow_node_power_state");
    /** Made by Prometheus for every target, never by a scrape. */
    private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");
    private static final Pattern RULE_EXPR = Pattern.compile("(?m)^\\s*expr:\\s*(.+)$");
    private static final Pattern DOC_NAME = Pattern.compile("`((?:pxeflow|jvm|process|system)_[a-z0-9_]*[a-z0-9])`");

    /** Situations the feed creates that the per-node series must show. */
    private static Map<String, Pattern> mustMatch;
    /** The lowest-numbered node: the feed reboots it. */
    private static String first;
    /** The node the real reporter reports as, and the one that boots through the bridge. */
    private static String reported;

    @TempDir
    static Path data;
    private static ControllerApp controller;
    private static GeneratorWorker generator;
    private static BridgeCommand bridge;
    private static Thread bridgeThread;
    private static int bridgePort;
    private static String idleScrape;
    private static String idleBridgeScrape;
    private static PowerWorker power;
    private static String scrape;
    private static String bridgeScrape;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startAndFeed() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        Topics topics = new Topics(TestKafka.uniquePrefix());
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap", bootstrap);
        m.put("topics.prefix", topics.prefix());
        m.put("topics.partitions", "3");
        m.put("http.port", "0");
        m.put("state.dir", data.resolve("controller").toString());
        m.put("admin.token", TOKEN);
        m.put("instance.id", "obs-it");
        // The feed's silent node promised 1 s heartbeats: down after 4 s rather than 10 keeps the test short.
        m.put("liveness.stale-intervals", "2");
        m.put("liveness.down-intervals", "4");
        PrometheusMeterRegistry registry = ControllerApp.newRegistry();
        controller = new ControllerApp(ControllerConfig.fromMap(m), registry).start();
        Map<String, String> g = new HashMap<>();
        g.put("generator.id", "generator-it");
        g.put("topic.prefix", topics.prefix());
        g.put("output.dir", data.resolve("generated").toString());
        g.put("boot.ipxe.url", "http://127.0.0.1/boot/ipxe?mac=${net0/mac}");
        // Hooks that always succeed on two outputs; the others have none, and still their series.
        g.put("reload.dnsmasq", "true");
        g.put("reload.hosts", "true");
        g.put("validate.hosts", "true {file}");
        generator = new GeneratorWorker(bootstrap, GeneratorSettings.fromMap(g), registry).start();
        startBridge(bootstrap, topics);

        // As the all-in-one runs it: the demo feed's request names credentials it has not, and fails at once.
        power = new PowerWorker(Map.of("bootstrap.servers", bootstrap), PowerSettings.fromMap(Map.of("topic.prefix", topics.prefix(), "power.id", "power-it",
            "bmc.credentials-dir", data.resolve("bmc").toString())), registry, java.time.Clock.systemUTC()).start();
        controller.importIfEmpty(Promtool.repoRoot().resolve("examples/cluster.conf"), 60_000);
        awaitStableNodeCount();
        // Idle means settled: the generator has applied the import (the controller learns which
        // generators exist from what they report), and nothing else has happened yet.
        await("the controller ready and the import applied by the generator", Duration.ofSeconds(60),
            () -> controller.ready() && generator.ready()
                && controller.view().nodes().stream().allMatch(NodeState::configApplied));
        // As Prometheus sees the idle head node from its second scrape on: its first scrape is an
        // API request too, the only one an idle controller gets.
        get(controllerUri("/metrics"));
        idleScrape = get(controllerUri("/metrics")).body();
        idleBridgeScrape = get(bridgeUri("/metrics")).body();

        List<NodeState> byIndex = controller.view().nodes().stream()
            .sorted(Comparator.comparingInt(n -> n.spec().index())).toList();
        first = byIndex.get(0).name();
        NodeSpec real = byIndex.get(2).spec();
        reported = real.name();
        mustMatch = Map.of(
            "a down node", Pattern.compile("pxeflow_node_info\\{[^}]*status=\"down\""),
            "a boot-looping node", Pattern.compile("pxeflow_node_info\\{[^}]*status=\"boot-loop\""),
            first + " rebooted once", Pattern.compile("pxeflow_node_reboots_total\\{node=\"" + first + "\"[^}]*} 1\n"),
            reported + "'s load from the real reporter", Pattern.compile("pxeflow_node_load1\\{node=\"" + reported + "\""),
            reported + "'s CPU, after its second heartbeat", Pattern.compile("pxeflow_node_cpu_busy_ratio\\{node=\""
                + reported + "\""),
            "a node powered off", Pattern.compile("pxeflow_node_power_state\\{[^}]*} 0\n"),
            "a power request failed for want of credentials",
            Pattern.compile("pxeflow_power_failures_total\\{action=\"status\",reason=\"credentials\"[^}]*} [1-9]"));
        ReporterConfig reporterConfig = ReporterConfig.fromMap(Map.of("bootstrap", bootstrap, "interval", "1",
            "node", reported, "topic.prefix", topics.prefix()));
        List<NodeSpec> demoNodes = byIndex.stream().map(NodeState::spec).filter(s -> !s.name().equals(reported)).toList();
        BootTraffic traffic = new BootTraffic(data.resolve("dnsmasq.log"), data.resolve("spool/incoming"));
        try (DemoFeed feed = new DemoFeed(bootstrap, topics, 5);
             HeartbeatLoop reporter = HeartbeatLoop.start(reporterConfig, reported)) {
            feed.boot(demoNodes);
            traffic.boot(reported, real.macs().get(0), real.ip().toString(), false);
            apiTraffic(byIndex.get(1).name());
            long deadline = System.currentTimeMillis() + 45_000;
            do {
                feed.heartbeats();
                Thread.sleep(700);
                scrape = get(controllerUri("/metrics")).body();
                bridgeScrape = get(bridgeUri("/metrics")).body();
            } while (!missing(scrape, bridgeScrape).isEmpty() && System.currentTimeMillis() < deadline);
        }
        assertEquals(List.of(), missing(scrape, bridgeScrape), "series still without samples after 45 s of feeding");
    }

    @AfterAll
    static void stop() throws Exception {
        if (power != null) {
            power.close();
        }
        if (bridge != null) {
            bridge.stop();
            bridgeThread.join(10_000);
        }
        if (generator != null) {
            generator.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void promtoolFindsNothingToSayAboutAnyScrape() throws Exception {
        for (Map.Entry<String, String> s : Map.of("controller and generator, idle", idleScrape,
                "controller and generator, fed", scrape, "bridge, idle", idleBridgeScrape, "bridge, fed", bridgeScrape)
                .entrySet()) {
            Promtool.Result r = Promtool.run(s.getValue(), "check", "metrics");
            assertEquals("", r.output().strip(), "promtool check metrics, " + s.getKey());
            assertEquals(0, r.exit(), s.getKey());
        }
    }

    @Test
    void everyMetricADashboardOrAlertQueriesIsInTheScrapes() throws Exception {
        Map<String, Set<String>> wanted = wanted();
        assertTrue(wanted.size() > 30, "the dashboards and rules query only " + wanted.keySet());
        assertEquals(List.of(), absent(wanted, union(sampleNames(scrape), sampleNames(bridgeScrape)), Set.of()),
            "dashboard and alert queries name metrics the all-in-one and the bridge do not export");
    }

    @Test
    void anIdleFreshStartAlreadyHasEverySeriesButHeartbeatReadings() throws Exception {
        Set<String> idle = union(sampleNames(idleScrape), sampleNames(idleBridgeScrape));
        assertEquals(List.of(), absent(wanted(), idle, HEARTBEAT_READINGS),
            "a healthy idle head node would show 'No data' on these panels and alerts");
        assertTrue(HEARTBEAT_READINGS.stream().allMatch(n -> n.startsWith("pxeflow_node_")), "per-node readings only");
        // The six that used to appear only with their first event, at zero now.
        for (String input : List.of("dhcp", "pxe", "heartbeats", "commands")) {
            assertTrue(Pattern.compile("(?m)^pxeflow_dead_letters_total\\{[^}]*topic=\"[^\"]*\\." + input
                + "\"[^}]*} 0(\\.0)?$").matcher(idleScrape).find(), "dead letters from " + input + " at zero");
        }
        for (String family : List.of("pxeflow_generator_reload_runs_total", "pxeflow_generator_reload_failures_total",
                "pxeflow_generator_validation_refusals_total", "pxeflow_generator_reload_duration_seconds_count")) {
            assertTrue(Pattern.compile("(?m)^" + family + "\\{[^}]*output=\"dhcpd\"[^}]*} 0(\\.0)?$").matcher(idleScrape).find(),
                family + " at zero for dhcpd, an output without a hook");
        }
        assertTrue(Pattern.compile("(?m)^pxeflow_node_reboots_total\\{node=\"" + first + "\"[^}]*} 0(\\.0)?$")
            .matcher(idleScrape).find(), "a node not heard from has rebooted zero times");
    }

    @Test
    void theRealReportersNodeHasEveryPerNodeSeriesTheDashboardsQuery() throws Exception {
        boolean nic = Files.readAllLines(Path.of("/proc/net/dev")).stream().skip(2)
            .anyMatch(l -> !l.trim().startsWith("lo:"));
        List<String> missing = new ArrayList<>();
        for (String name : wanted().keySet()) {
            if (!name.startsWith("pxeflow_node_") || !nic && name.startsWith("pxeflow_node_network_")
                    || name.equals("pxeflow_node_power_state")) {
                continue;
            }
            if (!scrape.contains(name + "{node=\"" + reported + "\"")) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, reported + " reports through a real node reporter");
    }

    @Test
    void theBridgeCountsWhatItReadAndDelivered() {
        assertTrue(value(idleBridgeScrape, "pxeflow_bridge_events_produced_total") == 0, idleBridgeScrape);
        assertTrue(value(bridgeScrape, "pxeflow_bridge_lines_read_total") >= 9, "one boot is nine dnsmasq lines");
        assertTrue(value(bridgeScrape, "pxeflow_bridge_events_produced_total") >= 2, "its DHCP and PXE events");
        assertEquals(1.0, value(bridgeScrape, "pxeflow_bridge_kafka_reachable"));
        assertEquals(0.0, value(bridgeScrape, "pxeflow_bridge_events_dropped_total"));
        assertTrue(bridgeScrape.contains("jvm_memory_used_bytes{area=\"heap\""), "the bridge's JVM is observable too");
    }

    @Test
    void everyMetricOperationsMdNamesIsExported() throws Exception {
        Set<String> scraped = union(sampleNames(scrape), sampleNames(bridgeScrape));
        Matcher m = DOC_NAME.matcher(Files.readString(Promtool.repoRoot().resolve("docs/operations.md")));
        List<String> unknown = new ArrayList<>();
        int named = 0;
        while (m.find()) {
            String name = m.group(1);
            named++;
            if (!scraped.contains(name) && !scraped.contains(name + "_count") && !scraped.contains(name + "_bucket")) {
                unknown.add(name);
            }
        }
        assertTrue(named > 20, "docs/operations.md names only " + named + " metrics");
        assertEquals(List.of(), unknown, "docs/operations.md names metrics no daemon exports");
    }

    @Test
    void perNodeSeriesAreLabelledByNodeAndClassAndApiRoutesAreTemplates() {
        assertTrue(scrape.contains("pxeflow_node_status_code{node=\"" + first + "\",class="), first + "'s status");
        mustMatch.forEach((what, p) -> assertTrue(p.matcher(scrape).find(), what));
        assertTrue(scrape.contains("route=\"/api/v1/nodes/:name\""), "API requests are labelled by route template");
        assertFalse(Pattern.compile("route=\"/api/v1/nodes/[^:\"]").matcher(scrape).find(), "never by raw path");
        assertTrue(Pattern.compile("pxeflow_dead_letters_total\\{[^}]*reason=\"malformed\"[^}]*} [1-9]").matcher(scrape)
            .find(), "the malformed record is counted as malformed");
    }

    @Test
    void prometheusGetsTheSameScrapeGzipped() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(controllerUri("/metrics"))
            .header("Accept-Encoding", "gzip").header("Authorization", "Bearer " + TOKEN).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
        String text;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(sampleNames(scrape), sampleNames(text));
    }

    /** {@code pxeflow bridge} as its unit runs it, on a thread, following a dnsmasq log. */
    private static void startBridge(String bootstrap, Topics topics) throws Exception {
        Map<String, String> b = new HashMap<>();
        b.put("bootstrap", bootstrap);
        b.put("topic-prefix", topics.prefix());
        b.put("spool", data.resolve("spool").toString());
        b.put("dnsmasq-log", data.resolve("dnsmasq.log").toString());
        b.put("from-start", "true");
        b.put("server", BootTraffic.SERVER);
        b.put("zone", "UTC");
        b.put("tftp-roots", BootTraffic.TFTP_ROOT);
        b.put("poll-ms", "100");
        b.put("spool-fsync", "false");
        Files.writeString(data.resolve("dnsmasq.log"), "");
        bridge = new BridgeCommand(b);
        bridgePort = freePort();
        bridgeThread = new Thread(() -> new CommandLine(bridge).execute("--metrics-port", Integer.toString(bridgePort)),
            "bridge-command");
        bridgeThread.setDaemon(true);
        bridgeThread.start();
        await("the bridge's /healthz", Duration.ofSeconds(30), () -> {
            try {
                return get(bridgeUri("/healthz")).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Every metric name the dashboards and the alerting rules query, with one place that queries it. */
    private static Map<String, Set<String>> wanted() throws IOException {
        Map<String, Set<String>> wanted = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Promtool.repoRoot().resolve("grafana/dashboards"), "*.json")) {
            for (Path f : ds) {
                for (String expr : DashboardQueries.of(new ObjectMapper().readTree(f.toFile()))) {
                    for (String name : PromQlNames.of(expr)) {
                        wanted.computeIfAbsent(name, k -> new TreeSet<>()).add(f.getFileName() + ": " + expr);
                    }
                }
            }
        }
        Path rules = Promtool.repoRoot().resolve("deploy/prometheus/pxeflow-rules.yml");
        Matcher m = RULE_EXPR.matcher(Files.readString(rules));
        while (m.find()) {
            for (String name : PromQlNames.of(m.group(1))) {
                wanted.computeIfAbsent(name, k -> new TreeSet<>()).add("pxeflow-rules.yml: " + m.group(1));
            }
        }
        MADE_BY_PROMETHEUS.forEach(wanted::remove);
        return wanted;
    }

    private static List<String> absent(Map<String, Set<String>> wanted, Set<String> scraped, Set<String> allowed) {
        List<String> out = new ArrayList<>();
        wanted.forEach((name, where) -> {
            if (!scraped.contains(name) && !allowed.contains(name)) {
                out.add(name + " (" + where.iterator().next() + ")");
            }
        });
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    /** The value of an unlabelled sample. */
    private static double value(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
        assertTrue(m.find(), name + " in " + text);
        return Double.parseDouble(m.group(1));
    }

    private static void apiTraffic(String node) throws Exception {
        get(controllerUri("/api/v1/nodes"));
        get(controllerUri("/api/v1/nodes/" + node));
        get(controllerUri("/api/v1/nodes/no-such-node"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(controllerUri("/api/v1/nodes/" + node + "/reprovision"))
            .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, "reprovision answered " + r.statusCode() + ": " + r.body());
    }

    /** What is still missing: MUST_HAVE_SAMPLES, the feed's situations, a sample of every declared family. */
    private static List<String> missing(String text, String bridgeText) {
        Set<String> samples = sampleNames(text);
        List<String> out = new ArrayList<>();
        for (String f : MUST_HAVE_SAMPLES) {
            if (!samples.contains(f)) {
                out.add(f);
            }
        }
        mustMatch.forEach((what, p) -> {
            if (!p.matcher(text).find()) {
                out.add(what);
            }
        });
        if (!Pattern.compile("(?m)^pxeflow_bridge_events_produced_total [1-9]").matcher(bridgeText).find()) {
            out.add("the bridge delivered " + reported + "'s boot");
        }
        Matcher t = Pattern.compile("(?m)^# TYPE (pxeflow_\\S+) (\\S+)").matcher(text);
        while (t.find()) {
            String base = t.group(1);
            boolean has = samples.contains(base) || samples.contains(base + "_count") || samples.contains(base + "_bucket");
            if (!has) {
                out.add(base);
            }
        }
        return out;
    }

    static Set<String> sampleNames(String text) {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && line.charAt(0) != '#') {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                names.add(line.substring(0, end));
            }
        }
        return names;
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        // The controller's reads take a token (the bridge ignores it).
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static URI controllerUri(String path) {
        return URI.create("http://127.0.0.1:" + controller.httpPort() + path);
    }

    private static URI bridgeUri(String path) {
        return URI.create("http://127.0.0.1:" + bridgePort + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        HeadNodeWiring.await(what, timeout, condition);
    }

    /** The import lands in one transaction, but the view reads it record by record. */
    private static void awaitStableNodeCount() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        int seen = -1;
        int stableFor = 0;
        while (stableFor < 5 || seen < 3) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the example inventory did not reach the view: " + seen + " nodes");
            }
            int now = controller.view().nodes().size();
            stableFor = now == seen ? stableFor + 1 : 0;
            seen = now;
            Thread.sleep(100);
        }
    }
}
