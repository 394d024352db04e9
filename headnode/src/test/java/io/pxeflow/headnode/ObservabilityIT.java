package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.generator.worker.GeneratorWorker;
import io.pxeflow.power.worker.PowerSettings;
import io.pxeflow.power.worker.PowerWorker;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.testkit.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The all-in-one (controller and generator on a real broker) fed with boot traffic and
 * heartbeats until every series exists, then scraped: Prometheus' promtool must accept the scrape
 * without a single remark, and every metric any dashboard queries must be in it.
 */
class ObservabilityIT {
    private static final String TOKEN = "observability-it-token";
    /** Families that only have samples once the feed produced a down node, a boot-loop, a reboot... */
    private static final List<String> MUST_HAVE_SAMPLES = List.of("pxeflow_node_info", "pxeflow_node_load1",
        "pxeflow_node_network_receive_bytes_total", "pxeflow_node_filesystem_used_bytes", "pxeflow_config_pending_nodes",
        "pxeflow_consumer_lag_records", "pxeflow_dead_letters_total", "pxeflow_http_request_duration_seconds_count",
        "pxeflow_generator_renders_total", "pxeflow_node_power_state", "pxeflow_power_failures_total");
    /** Situations the feed creates that the per-node series must show. */
    private static Map<String, Pattern> mustMatch;
    /** The lowest-numbered node: the feed reboots it. */
    private static String first;

    @TempDir
    static Path data;
    private static ControllerApp controller;
    private static GeneratorWorker generator;
    private static PowerWorker power;
    private static String scrape;
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
        // Hooks that always succeed, so reload and validation series have real samples.
        g.put("reload.dnsmasq", "true");
        g.put("reload.hosts", "true");
        g.put("validate.hosts", "true {file}");
        generator = new GeneratorWorker(bootstrap, GeneratorSettings.fromMap(g), registry).start();
        // As the all-in-one runs it: the demo feed's request names credentials it has not, and fails at once.
        power = new PowerWorker(bootstrap, PowerSettings.fromMap(Map.of("topic.prefix", topics.prefix(), "power.id", "power-it",
            "bmc.credentials-dir", data.resolve("bmc").toString())), registry).start();
        controller.importIfEmpty(Promtool.repoRoot().resolve("examples/cluster.conf"), 60_000);
        awaitStableNodeCount();

        List<NodeState> byIndex = controller.view().nodes().stream()
            .sorted(java.util.Comparator.comparingInt(n -> n.spec().index())).toList();
        first = byIndex.get(0).name();
        mustMatch = Map.of(
            "a down node", Pattern.compile("pxeflow_node_info\\{[^}]*status=\"down\""),
            "a boot-looping node", Pattern.compile("pxeflow_node_info\\{[^}]*status=\"boot-loop\""),
            first + " rebooted once", Pattern.compile("pxeflow_node_reboots_total\\{node=\"" + first + "\"[^}]*} 1\n"),
            "a node powered off", Pattern.compile("pxeflow_node_power_state\\{[^}]*} 0\n"),
            "a power request failed for want of credentials",
            Pattern.compile("pxeflow_power_failures_total\\{action=\"status\",reason=\"credentials\""));
        try (DemoFeed feed = new DemoFeed(bootstrap, topics, 5)) {
            feed.boot(controller.view().nodes().stream().map(NodeState::spec).toList());
            apiTraffic(byIndex.get(1).name());
            long deadline = System.currentTimeMillis() + 45_000;
            do {
                feed.heartbeats();
                Thread.sleep(700);
                scrape = get("/metrics").body();
            } while (!missing(scrape).isEmpty() && System.currentTimeMillis() < deadline);
        }
        assertEquals(List.of(), missing(scrape), "series still without samples after 45 s of feeding");
    }

    @AfterAll
    static void stop() throws Exception {
        if (power != null) {
            power.close();
        }
        if (generator != null) {
            generator.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void promtoolFindsNothingToSayAboutTheScrape() throws Exception {
        Promtool.Result r = Promtool.run(scrape, "check", "metrics");
        assertEquals("", r.output().strip(), "promtool check metrics");
        assertEquals(0, r.exit());
    }

    @Test
    void everyMetricADashboardQueriesIsInTheScrape() throws Exception {
        Set<String> scraped = sampleNames(scrape);
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
        assertTrue(wanted.size() > 20, "the dashboards query only " + wanted.keySet());
        List<String> unknown = new ArrayList<>();
        wanted.forEach((name, where) -> {
            if (!scraped.contains(name)) {
                unknown.add(name + " (" + where.iterator().next() + ")");
            }
        });
        assertEquals(List.of(), unknown, "dashboard queries name metrics the all-in-one does not export");
    }

    @Test
    void perNodeSeriesAreLabelledByNodeAndClassAndApiRoutesAreTemplates() {
        assertTrue(scrape.contains("pxeflow_node_status_code{node=\"" + first + "\",class="), first + "'s status");
        mustMatch.forEach((what, p) -> assertTrue(p.matcher(scrape).find(), what));
        assertTrue(scrape.contains("route=\"/api/v1/nodes/:name\""), "API requests are labelled by route template");
        assertFalse(Pattern.compile("route=\"/api/v1/nodes/[^:\"]").matcher(scrape).find(), "never by raw path");
        assertTrue(Pattern.compile("pxeflow_dead_letters_total\\{[^}]*reason=\"malformed\"").matcher(scrape).find(),
            "the malformed record is counted as malformed");
    }

    @Test
    void prometheusGetsTheSameScrapeGzipped() throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri("/metrics")).header("Accept-Encoding", "gzip").GET()
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
        String text;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertEquals(sampleNames(scrape), sampleNames(text));
    }

    private static void apiTraffic(String node) throws Exception {
        get("/api/v1/nodes");
        get("/api/v1/nodes/" + node);
        get("/api/v1/nodes/no-such-node");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/nodes/" + node + "/reprovision"))
            .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, "reprovision answered " + r.statusCode() + ": " + r.body());
    }

    /** Families from MUST_HAVE_SAMPLES, and every pxeflow_ family the scrape declares, that have no sample yet. */
    private static List<String> missing(String text) {
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

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + controller.httpPort() + path);
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
