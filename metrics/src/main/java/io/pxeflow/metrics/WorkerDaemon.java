package io.pxeflow.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The process around a head-node worker without an HTTP API of its own (the generator, the power
 * worker): process metrics, {@code /metrics} and {@code /readyz} on a port of its own, and a stop
 * (SIGTERM, {@code systemctl stop}) that waits until the worker has closed, or the JVM would halt
 * in the middle of a render, a BMC request or a consumer's last commit.
 */
public final class WorkerDaemon {
    private static final long CLOSE_WAIT_SECONDS = 30;

    private WorkerDaemon() {
    }

    /** What a daemon runs. */
    public interface Worker extends AutoCloseable {
        Worker start();

        boolean ready();

        /** False once the worker's thread has ended by itself (or by {@link #close()}). */
        boolean alive();

        /** Why a worker that is no longer alive stopped, when it knows; empty otherwise. */
        default Optional<String> failure() {
            return Optional.empty();
        }

        /** Stops and releases everything; a worker's close throws nothing a daemon could act on. */
        @Override
        void close();
    }

    /** Makes the worker, its meters in the daemon's registry. */
    public interface Factory {
        Worker create(PrometheusMeterRegistry registry) throws Exception;
    }

    /**
     * Runs a worker until the process is told to stop (0), or until the worker stops by itself
     * (2, with its reason on standard error after {@code name}). An exception from making or
     * starting the worker is thrown on, after what was opened is closed.
     *
     * @param metricsPort serve /metrics, /healthz and /readyz here; 0: not at all
     * @param notReady    the body of a 503 from /readyz
     */
    public static int run(String name, int metricsPort, String notReady, Factory factory) throws Exception {
        return run(name, metricsPort, notReady, new CountDownLatch(1), factory);
    }

    /** As above; counting {@code stop} down stops it as a signal would (for a daemon run inside another process). */
    public static int run(String name, int metricsPort, String notReady, CountDownLatch stop, Factory factory)
            throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            awaitQuietly(closed);
        }, name + "-shutdown");
        try (ProcessMetrics process = ProcessMetrics.bind(registry);
             Worker worker = factory.create(registry);
             MetricsServer metrics = metricsPort > 0 ? new MetricsServer(metricsPort, registry, worker::ready, notReady) : null) {
            Runtime.getRuntime().addShutdownHook(hook);
            worker.start();
            while (!stop.await(500, TimeUnit.MILLISECONDS)) {
                if (!worker.alive()) {
                    System.err.println(name + ": " + worker.failure().orElse("stopped by an unexpected error (see the log)"));
                    return 2;
                }
            }
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is what is waiting for this
            }
        }
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
