package io.pxeflow.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProcessMetricsTest {
    /** The names docs/operations.md and the dashboards' readers rely on. */
    private static final List<String> NAMES = List.of("jvm_memory_used_bytes", "jvm_memory_max_bytes",
        "jvm_memory_committed_bytes", "jvm_gc_pause_seconds_count", "jvm_gc_live_data_size_bytes",
        "jvm_gc_memory_allocated_bytes_total", "jvm_memory_usage_after_gc", "jvm_threads_live_threads",
        "jvm_classes_loaded_classes", "jvm_info", "process_cpu_usage", "process_cpu_seconds_total", "system_load_average_1m", "process_uptime_seconds",
        "process_start_time_seconds", "process_files_open_files", "process_files_max_files",
        "process_resident_memory_bytes");

    @Test
    void everyDaemonsJvmAndProcessSeriesAreServedOnMetrics() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicBoolean ready = new AtomicBoolean();
        HttpClient http = HttpClient.newHttpClient();
        try (ProcessMetrics bound = ProcessMetrics.bind(registry);
             MetricsServer server = new MetricsServer(0, registry, ready::get, "the bridge has not started")) {
            System.gc();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            for (String name : NAMES) {
                assertTrue(Pattern.compile("(?m)^" + name + "[{ ]").matcher(metrics.body()).find(), name + " is served");
            }
            Matcher rss = Pattern.compile("(?m)^process_resident_memory_bytes (\\S+)$").matcher(metrics.body());
            assertTrue(rss.find());
            double bytes = Double.parseDouble(rss.group(1));
            assertTrue(bytes > 8 << 20 && bytes < 8L << 30, "a JVM's resident size: " + bytes);

            HttpResponse<String> notReady = http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(503, notReady.statusCode());
            assertEquals("not ready: the bridge has not started\n", notReady.body());
            ready.set(true);
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void residentSizeIsReadInKilobytes() {
        assertEquals(123456, ProcessMetrics.kilobytes("VmRSS:\t  123456 kB"));
    }
}
