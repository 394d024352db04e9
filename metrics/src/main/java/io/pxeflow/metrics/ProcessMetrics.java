package io.pxeflow.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM and process metrics every head-node daemon exports, under Micrometer's usual names:
 * {@code jvm_memory_used_bytes{area,id}}, {@code jvm_memory_max_bytes}, {@code jvm_gc_pause_seconds},
 * {@code jvm_gc_live_data_size_bytes}, {@code jvm_memory_usage_after_gc} (a ratio),
 * {@code jvm_threads_live_threads}, {@code jvm_classes_loaded_classes}, {@code process_cpu_usage},
 * {@code process_cpu_seconds_total}, {@code process_uptime_seconds}, {@code process_files_open_files},
 * {@code jvm_info}, and {@code process_resident_memory_bytes} (Linux, from /proc: the figure
 * docs/operations.md sizes the heap against).
 *
 * <p>The CPU meters are registered here rather than by Micrometer's ProcessorMetrics, whose
 * {@code process_cpu_time_ns_total} and {@code system_cpu_count} promtool rejects (an abbreviated
 * unit, a {@code _count} suffix on a gauge); the JIT's compile time is left out for the same
 * reason (milliseconds). Every scrape passes {@code promtool check metrics} (ObservabilityIT).
 */
public final class ProcessMetrics implements AutoCloseable {
    private static final Path STATUS = Path.of("/proc/self/status");
    private final JvmGcMetrics gc;
    private final JvmHeapPressureMetrics heapPressure;

    private ProcessMetrics(JvmGcMetrics gc, JvmHeapPressureMetrics heapPressure) {
        this.gc = gc;
        this.heapPressure = heapPressure;
    }

    /** Binds them all to {@code registry}; close the result when the daemon stops (GC listeners). */
    public static ProcessMetrics bind(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        cpu(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();
        heapPressure.bindTo(registry);
        if (Files.isReadable(STATUS)) {
            Gauge.builder("process.resident.memory", ProcessMetrics::residentBytes).baseUnit("bytes")
                .description("Resident set size of this process (VmRSS)").strongReference(true).register(registry);
        }
        return new ProcessMetrics(gc, heapPressure);
    }

    private static void cpu(MeterRegistry registry) {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
            return;
        }
        FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
            .description("CPU time this process used").register(registry);
        Gauge.builder("process.cpu.usage", os, com.sun.management.OperatingSystemMXBean::getProcessCpuLoad)
            .description("Recent CPU use of this process, as a fraction of all cores").register(registry);
        Gauge.builder("system.cpu.usage", os, com.sun.management.OperatingSystemMXBean::getCpuLoad)
            .description("Recent CPU use of the whole machine, as a fraction of all cores").register(registry);
        Gauge.builder("system.load.average.1m", os, java.lang.management.OperatingSystemMXBean::getSystemLoadAverage)
            .description("The machine's load average over the last minute").register(registry);
    }

    /** VmRSS from /proc/self/status, in bytes; NaN when it cannot be read. */
    static double residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return kilobytes(line) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable or a format we do not know: no value rather than a wrong one.
        }
        return Double.NaN;
    }

    static long kilobytes(String statusLine) {
        String[] parts = statusLine.trim().split("\\s+");
        return Long.parseLong(parts[1]);
    }

    @Override
    public void close() {
        gc.close();
        heapPressure.close();
    }
}
