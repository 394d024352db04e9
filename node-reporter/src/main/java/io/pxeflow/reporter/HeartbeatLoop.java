package io.pxeflow.reporter;

import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.reporter.kafka.LeanProducer;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every interval on one scheduled thread and hands heartbeats to Kafka through a bounded
 * buffer. At most {@code maxInFlight} heartbeats are inside the producer at once; the rest wait
 * in a {@link LatestBuffer} that keeps only the newest few. The sink is the built-in lean
 * producer or the Kafka Java client ({@link ProducerChoice}); this class touches neither's types,
 * so the lean path never loads the Java client. So while Kafka is unreachable the
 * reporter holds a fixed number of samples, and the moment an in-flight heartbeat is
 * acknowledged again (the producer reconnects within its backoff) the waiting ones follow at
 * once, oldest first, in one batch.
 *
 * <p>All state is confined to the loop's thread: producer callbacks come back on Kafka's I/O
 * thread and are handed over through {@code serial}.
 */
public final class HeartbeatLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatLoop.class);
    static final int MAX_IN_FLIGHT = 2;

    /** An encoded heartbeat waiting to be sent. */
    record Pending(long seq, byte[] value) {
    }

    /**
     * Counters since start, for logs and tests. {@code kafkaReachable} is the reporter's readiness:
     * false from the first failed send until a heartbeat is acknowledged again.
     */
    public record Stats(long sampled, long sent, long failed, long dropped, int buffered, int inFlight,
                        boolean kafkaReachable) {
    }

    private final Sampler sampler;
    private final HeartbeatSink sink;
    private final LatestBuffer<Pending> buffer;
    private final int maxInFlight;
    private final Executor serial;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile int inFlight;
    /** Written on the loop's thread only; volatile so that {@link #stats()} may read it from anywhere. */
    private volatile boolean reachable = true;
    private long unreachableSince;

    HeartbeatLoop(Sampler sampler, HeartbeatSink sink, int bufferSamples,
                  int maxInFlight, Executor serial, ScheduledExecutorService scheduler) {
        this.sampler = sampler;
        this.sink = sink;
        this.buffer = new LatestBuffer<>(bufferSamples);
        this.maxInFlight = maxInFlight;
        this.serial = serial;
        this.scheduler = scheduler;
    }

    /** Starts sampling now and every interval after; returns at once. */
    public static HeartbeatLoop start(ReporterConfig config, String node) {
        Sampler sampler = Sampler.of(config, node);
        ProducerChoice.Decision choice = ProducerChoice.decide(config);
        HeartbeatSink sink = choice.lean()
            ? LeanProducer.start(ProducerChoice.leanSettings(config, node))
            : JavaClientSink.start(config, node);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pxeflow-reporter");
            t.setDaemon(true);
            return t;
        });
        HeartbeatLoop loop = new HeartbeatLoop(sampler, sink, config.bufferSamples(), MAX_IN_FLIGHT, scheduler, scheduler);
        scheduler.scheduleAtFixedRate(loop::safeTick, 0, config.intervalSeconds(), TimeUnit.SECONDS);
        LOG.info("node {}: reporting to {} on {} every {} s through {} ({}; reporter {})", node, config.bootstrap(),
            config.topics().heartbeats(), config.intervalSeconds(), sink.describe(), choice.reason(), Version.REPORTER);
        return loop;
    }

    public Stats stats() {
        return new Stats(sampled.get(), sent.get(), failed.get(), buffer.dropped(), buffer.size(), inFlight,
            reachable);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule: log it and keep the node reporting.
            LOG.warn("node {}: sample failed: {}", sampler.node(), e.toString());
        }
    }

    /** One sample: read, encode, queue, and send what the in-flight limit allows. */
    void tick() {
        Heartbeat hb = sampler.sample();
        sampled.incrementAndGet();
        buffer.offerNewest(new Pending(hb.seq(), HeartbeatJson.encode(hb)));
        drain();
    }

    private void drain() {
        // While Kafka is away one heartbeat probes for it; the rest wait in the bounded buffer.
        int limit = reachable ? maxInFlight : 1;
        Pending p;
        while (inFlight < limit && (p = buffer.poll()) != null) {
            Pending sending = p;
            inFlight++;
            try {
                sink.send(sampler.node(), sending.value(), error -> handOver(() -> completed(sending, error)));
            } catch (RuntimeException e) {
                // Only a closed producer or a bad record throws here; treat it as a failed send.
                completed(sending, e);
                return;
            }
        }
    }

    private void handOver(Runnable r) {
        try {
            serial.execute(r);
        } catch (RejectedExecutionException e) {
            // The loop is closing; the outcome no longer matters.
        }
    }

    void completed(Pending p, Exception error) {
        inFlight--;
        if (error == null) {
            sent.incrementAndGet();
            if (!reachable) {
                reachable = true;
                LOG.info("node {}: Kafka reachable again after {} s; {} samples dropped meanwhile", sampler.node(),
                    (System.nanoTime() - unreachableSince) / 1_000_000_000L, buffer.dropped());
            }
            // Kafka answers again: send what waited now, not at the next tick.
            drain();
            return;
        }
        failed.incrementAndGet();
        if (reachable) {
            reachable = false;
            unreachableSince = System.nanoTime();
            LOG.warn("node {}: Kafka unreachable ({}: {}); keeping the latest {} samples until it is back",
                sampler.node(), error.getClass().getSimpleName(), error.getMessage(), buffer.capacity());
        }
        // Retry at the next tick rather than now: retrying from a failure callback would spin.
        buffer.offerOldest(p);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sink.close(Duration.ofSeconds(2));
        LOG.info("node {}: reporter stopped; {}", sampler.node(), stats());
    }
}
