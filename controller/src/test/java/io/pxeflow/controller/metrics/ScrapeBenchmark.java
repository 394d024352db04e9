package io.pxeflow.controller.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.runtime.ControllerMetrics;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.controller.view.ClusterView.HeartbeatSeen;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.Heartbeat;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the controller's {@code /metrics} body for a synthetic cluster (default 10,000 up nodes
 * with three filesystems and two NICs each) through the same {@link MetricsScrape} the endpoint
 * uses, and prints time, size and gzipped size. Run (after {@code ./mvnw -o -q -pl controller -am
 * test-compile} and {@code ./mvnw -o -q -pl controller dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}):
 * <pre>
 * java -Xmx512m -cp controller/target/classes:controller/target/test-classes:$(cat controller/target/cp.txt) \
 *      io.pxeflow.controller.metrics.ScrapeBenchmark [nodes] [scrapes] [decoded|bytes]
 * </pre>
 * {@code bytes} keeps each heartbeat encoded and decodes it on every read, as the cluster view
 * does; {@code decoded} (the default) reads ready-made heartbeats, so the difference is the
 * decoding a scrape costs. Each scrape is also streamed through level-1 gzip in 128 KB chunks, as
 * the endpoint sends it.
 */
public final class ScrapeBenchmark {
    private ScrapeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int scrapes = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        SyntheticNodes cluster = new SyntheticNodes(n, now);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ControllerMetrics metrics = new ControllerMetrics(registry);
        for (String t : new String[] {"pxeflow.dhcp", "pxeflow.pxe", "pxeflow.heartbeats", "pxeflow.commands"}) {
            metrics.processed(t);
            metrics.rejected(t, "malformed DhcpEvent: x");
        }
        metrics.transition(LifecycleKind.BOOT_LOOP);
        metrics.latency(1, 5);
        boolean decodeOnRead = args.length > 2 && "bytes".equals(args[2]);
        Function<String, HeartbeatSeen> heartbeats = cluster.heartbeats::get;
        if (decodeOnRead) {
            Map<String, byte[]> encoded = new HashMap<>();
            cluster.heartbeats.forEach((node, seen) -> encoded.put(node, Codec.HEARTBEAT.encode(seen.heartbeat())));
            cluster.heartbeats.clear();
            heartbeats = node -> Codec.HEARTBEAT.decode(encoded.get(node)) instanceof Decoded.Ok<Heartbeat> ok
                ? new HeartbeatSeen(ok.value(), now) : null;
        }
        MetricsScrape scrape = new MetricsScrape(registry, () -> cluster.states, heartbeats, null,
            Clock.fixed(now.plusSeconds(3), ZoneOffset.UTC));
        String body = "";
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int i = 0; i < scrapes; i++) {
            long t0 = System.nanoTime();
            body = scrape.scrape();
            long took = System.nanoTime() - t0;
            if (i >= scrapes / 2) {
                // The first half warms the JIT up; Prometheus scrapes a long-running process.
                best = Math.min(best, took);
                total += took;
            }
        }
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        long g0 = System.nanoTime();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new Level1Gzip(gz)) {
            out.write(raw);
        }
        long gzipMs = (System.nanoTime() - g0) / 1_000_000;
        long lines = body.chars().filter(c -> c == '\n').count();
        System.out.printf("nodes %d: %d lines, %.1f MB, gzip %.1f MB (%d ms)%n", n, lines, raw.length / 1e6,
            gz.size() / 1e6, gzipMs);
        System.out.println("(gzip at level 1, as the controller's /metrics endpoint compresses)");
        System.out.printf("scrape body built in %.0f ms mean, %.0f ms best (over %d warm scrapes; heartbeats %s)%n",
            total / 1e6 / (scrapes - scrapes / 2), best / 1e6, scrapes - scrapes / 2,
            decodeOnRead ? "decoded on read" : "already decoded");
        long streamBest = Long.MAX_VALUE;
        long[] zipped = new long[1];
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            zipped[0] = 0;
            OutputStream counter = new OutputStream() {
                @Override
                public void write(int b) {
                    zipped[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    zipped[0] += len;
                }
            };
            try (GZIPOutputStream z = new Level1Gzip(counter)) {
                scrape.stream(128 * 1024, chunk -> z.write(chunk.toString().getBytes(StandardCharsets.UTF_8)));
            }
            streamBest = Math.min(streamBest, System.nanoTime() - t0);
        }
        System.out.printf("streamed through level-1 gzip in 128 KB chunks: %.0f ms best of 5, %.1f MB gzipped%n",
            streamBest / 1e6, zipped[0] / 1e6);
    }

    /** The controller's /metrics endpoint compresses at level 1 (MetricsEndpoint). */
    private static final class Level1Gzip extends GZIPOutputStream {
        Level1Gzip(java.io.OutputStream out) throws java.io.IOException {
            super(out);
            def.setLevel(1);
        }
    }
}
