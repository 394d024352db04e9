package io.pxeflow.simulator.bench;

import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.simulator.ControllerChild;
import io.pxeflow.simulator.EmbeddedStack;
import io.pxeflow.simulator.TempDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A controller in a child JVM is filled with nodes, measured (/metrics scrape time at the first
 * step, heap and resident memory at the full count), killed with SIGKILL and restarted: seconds
 * until /readyz answers 200 and until every node is back in its view.
 */
@Command(name = "recovery", mixinStandardHelpOptions = true,
    description = "Controller kill -9 and restart with N nodes; heap, RSS and /metrics scrape time.")
public final class RecoveryBench implements Callable<Integer> {
    private static final Pattern NODES = Pattern.compile("\"nodes\"\\s*:\\s*(\\d+)");
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)$");
    private static final int INTERVAL_SECONDS = 600;

    @Option(names = "--nodes", defaultValue = "100000", description = "Nodes at the kill (default ${DEFAULT-VALUE})")
    int nodes;
    @Option(names = "--scrape-at", defaultValue = "10000", description = "Node count for the /metrics scrape timing (default ${DEFAULT-VALUE})")
    int scrapeAt;
    @Option(names = "--child-opts", defaultValue = ControllerChild.DEFAULT_JAVA_OPTS,
        description = "JVM options of the controller (default: bin/pxeflow's, ${DEFAULT-VALUE})")
    String childOpts;

    @Option(names = "--scrapes", defaultValue = "25", description = "/metrics scrapes timed at each step (default ${DEFAULT-VALUE})")
    int scrapes;
    @Option(names = "--jfr", description = "Record the restarted controller with JFR (profile settings) and dump it to this file once it is ready")
    Path jfr;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) {
        System.exit(new CommandLine(new RecoveryBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("pxeflow-bench-recovery");
        Topics topics = new Topics("bench.");
        ControllerChild child = null;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build().start()) {
            String bootstrap = broker.bootstrapServers();
            child = new ControllerChild(bootstrap, topics.prefix(), dir, dir.resolve("logs"), childOpts, Map.of());
            child.start();
            int port = child.port(Duration.ofSeconds(120));
            awaitReady(port, Duration.ofSeconds(120));
            int first = Math.min(scrapeAt, nodes);
            long t0 = System.nanoTime();
            BenchCluster.registerAndBringUp(bootstrap, topics, 1, first, INTERVAL_SECONDS);
            System.out.printf("%d nodes registered and up in %.1f s%n", first, (System.nanoTime() - t0) / 1e9);
            awaitViewCount(port, first, Duration.ofSeconds(120));
            System.out.printf("/metrics scrape at %d nodes: %s%n", first, scrapeTimes(port));
            if (nodes > first) {
                t0 = System.nanoTime();
                BenchCluster.registerAndBringUp(bootstrap, topics, first + 1, nodes, INTERVAL_SECONDS);
                System.out.printf("%d more nodes registered and up in %.1f s%n", nodes - first, (System.nanoTime() - t0) / 1e9);
                awaitViewCount(port, nodes, Duration.ofSeconds(300));
            }
            System.out.printf("/metrics scrape at %d nodes: %s%n", nodes, scrapeTimes(port));
            System.out.printf("footprint at %d nodes: %s%n", nodes, footprint(child, port));

            child.kill();
            long killed = System.nanoTime();
            // JFR, when asked for, records from the restart on: the figure it explains.
            child = jfr == null ? child : new ControllerChild(bootstrap, topics.prefix(), dir, dir.resolve("logs"),
                childOpts + " -XX:StartFlightRecording=settings=profile", Map.of());
            child.start();
            port = child.port(Duration.ofSeconds(300));
            awaitReady(port, Duration.ofSeconds(300));
            double ready = (System.nanoTime() - killed) / 1e9;
            awaitViewCount(port, nodes, Duration.ofSeconds(300));
            double restored = (System.nanoTime() - killed) / 1e9;
            int up = BenchCluster.count(bootstrap, topics, NodeStatus.UP);
            System.out.printf("restart after kill -9 with %d nodes: /readyz 200 after %.1f s, all %d nodes in the view after "
                + "%.1f s (target < 15 s); %d up on the nodes topic%n", nodes, ready, nodes, restored, up);
            if (jfr != null) {
                new ProcessBuilder("jcmd", Long.toString(child.pid()), "JFR.dump", "filename=" + jfr.toAbsolutePath())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                System.out.printf("JFR recording of the restart in %s%n", jfr);
            }
            System.out.printf("footprint after restart: %s%n", footprint(child, port));
            return 0;
        } finally {
            if (child != null) {
                child.kill();
            }
            TempDirs.deleteTree(dir);
        }
    }

    private void awaitReady(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get(port, "/readyz").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("/readyz not 200 within " + timeout);
    }

    private void awaitViewCount(int port, int count, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int have = -1;
        while (System.nanoTime() < deadline) {
            Matcher m = NODES.matcher(get(port, "/api/v1/info").body());
            have = m.find() ? Integer.parseInt(m.group(1)) : -1;
            if (have >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the view holds " + have + " of " + count + " nodes after " + timeout);
    }

    private String scrapeTimes(int port) throws IOException, InterruptedException {
        List<Double> ms = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < scrapes; i++) {
            long t = System.nanoTime();
            // Counted as it arrives: a 100,000-node body is ~120 MB.
            HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Authorization", "Bearer " + EmbeddedStack.TOKEN).timeout(Duration.ofMinutes(5)).build();
            try (InputStream body = http.send(scrape, HttpResponse.BodyHandlers.ofInputStream()).body()) {
                bytes = body.transferTo(OutputStream.nullOutputStream());
            }
            ms.add((System.nanoTime() - t) / 1e6);
            Thread.sleep(1_100);
        }
        Collections.sort(ms);
        return String.format("median %.1f ms, max %.1f ms over %d scrapes 1.1 s apart (%d bytes)", ms.get(ms.size() / 2),
            ms.get(ms.size() - 1), scrapes, bytes);
    }

    private String footprint(ControllerChild p, int port) throws IOException, InterruptedException {
        double heapAfterGc = -1;
        try {
            new ProcessBuilder("jcmd", Long.toString(p.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            heapAfterGc = heapUsed(port);
        } catch (IOException e) {
            // no jcmd: report RSS only
        }
        String status = Files.readString(Path.of("/proc", Long.toString(p.pid()), "status"));
        return String.format("heap used after GC %.0f MiB, RSS %s MiB (peak %s MiB)", heapAfterGc / (1 << 20),
            kib(status, "VmRSS") / 1024, kib(status, "VmHWM") / 1024);
    }

    /** Heap in use from the JVM meters, which open the body: the per-node families after them are not read. */
    private double heapUsed(int port) throws IOException, InterruptedException {
        double used = 0;
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .header("Authorization", "Bearer " + EmbeddedStack.TOKEN).timeout(Duration.ofMinutes(5)).build();
        try (BufferedReader body = new BufferedReader(new InputStreamReader(
                http.send(scrape, HttpResponse.BodyHandlers.ofInputStream()).body(), StandardCharsets.UTF_8))) {
            for (String line = body.readLine(); line != null && !line.startsWith("# HELP pxeflow_node_"); line = body.readLine()) {
                Matcher m = HEAP.matcher(line);
                if (m.find()) {
                    used += Double.parseDouble(m.group(1));
                }
            }
        }
        return used;
    }

    private static long kib(String status, String field) {
        Matcher m = Pattern.compile("(?m)^" + field + ":\\s+(\\d+) kB").matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(request(port, path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + EmbeddedStack.TOKEN).timeout(Duration.ofSeconds(60)).build();
    }
}
