package io.pxeflow.power.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.pxeflow.kafka.replay.BrokerContact;
import io.pxeflow.metrics.WorkerDaemon;
import io.pxeflow.power.bmc.CredentialFiles;
import io.pxeflow.power.bmc.IpmiToolDriver;
import io.pxeflow.power.bmc.RedfishDriver;
import io.pxeflow.power.bmc.RedfishTls;
import io.pxeflow.power.domain.BmcDriver;
import io.pxeflow.power.domain.PowerQueue;
import io.pxeflow.power.domain.PowerRun;
import io.pxeflow.power.domain.RecentIds;
import io.pxeflow.protocol.TopicKeys;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.DeadLetter;
import io.pxeflow.protocol.message.PowerFailure;
import io.pxeflow.protocol.message.PowerOutcome;
import io.pxeflow.protocol.message.PowerRequest;
import io.pxeflow.protocol.message.PowerResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One power worker: reads {@code power} with its own consumer group (its id), does the requests
 * for the nodes of its shard against their BMCs within the fan-out limits, and writes each result
 * to {@code power-status}. One thread owns the consumer, the queue and the offsets; BMC calls run
 * on a pool as large as the concurrency limit. Offsets are committed up to the oldest request not
 * yet finished, so a restart does again what was interrupted (at least once: a request's deadline
 * and the ids already done keep that from turning into a late second power cycle).
 */
public final class PowerWorker implements WorkerDaemon.Worker {
    private static final Logger LOG = LoggerFactory.getLogger(PowerWorker.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    private static final Duration BUSY_POLL = Duration.ofMillis(20);
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(1);
    /** Past this many accepted and unstarted requests, reading stops until the queue drains to half. */
    static final int MAX_QUEUED = 10_000;

    /** A request and where it was read. */
    private record Job(PowerRequest request, TopicPartition partition, long offset) {
    }

    private record Finished(Job job, PowerResult result) {
    }

    private final PowerSettings settings;
    private final Map<String, Object> kafka;
    private final Clock clock;
    private final PowerMetrics metrics;
    private final PowerRun run;
    private final PowerQueue<Job> queue;
    private final RecentIds done = new RecentIds(100_000);
    private final OffsetTracker<TopicPartition> offsets = new OffsetTracker<>();
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final Queue<Job> published = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final BrokerContact contact = new BrokerContact(Duration.ofSeconds(10));
    private volatile boolean assigned;
    private ExecutorService pool;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private Thread thread;

    public PowerWorker(String bootstrapServers, PowerSettings settings, MeterRegistry registry) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), settings, registry, Clock.systemUTC());
    }

    /** {@code kafka} holds at least bootstrap.servers; {@code producer.}/{@code consumer.} prefixed keys go to one client. */
    public PowerWorker(Map<String, Object> kafka, PowerSettings settings, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.kafka = Map.copyOf(kafka);
        this.clock = clock;
        this.metrics = new PowerMetrics(registry, settings.workerId());
        this.queue = new PowerQueue<>(settings.fanOut());
        Map<BmcProtocol, BmcDriver> drivers = Map.of(
            BmcProtocol.IPMI, new IpmiToolDriver(settings.ipmitool(), settings.ipmiCipherSuite(), settings.callTimeout()),
            BmcProtocol.REDFISH, new RedfishDriver(RedfishTls.context(settings.redfishCaFile(), settings.redfishInsecure()),
                settings.callTimeout()));
        this.run = new PowerRun(settings.workerId(), drivers, new CredentialFiles(settings.credentialsDir()),
            settings.retries(), clock, d -> Thread.sleep(d.toMillis()), () -> ThreadLocalRandom.current().nextDouble(),
            (request, attempt, e, pause) -> {
                metrics.retry(e.reason());
                LOG.warn("{}: {} attempt {} failed ({}: {}); again in {} ms", request.node(), request.describe(), attempt,
                    e.reason().code(), e.getMessage(), pause.toMillis());
            });
        metrics.gauges(queued::get, active::get, () -> contact.recent() ? 1 : 0);
    }

    @Override
    public synchronized PowerWorker start() {
        if (!running.compareAndSet(false, true)) {
            return this;
        }
        pool = Executors.newFixedThreadPool(settings.fanOut().maxConcurrent(), r -> {
            Thread t = new Thread(r, "power-" + settings.workerId() + "-bmc");
            t.setDaemon(true);
            return t;
        });
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::loop, "power-" + settings.workerId());
        thread.start();
        LOG.info("power worker {} started: {} -> {} for {} (at most {} at once, {} per second; credentials in {})",
            settings.workerId(), settings.topics().power(), settings.topics().powerStatus(), settings.shard(),
            settings.fanOut().maxConcurrent(), settings.fanOut().perSecond(), settings.credentialsDir());
        return this;
    }

    /** Ready: it holds its partitions and the broker answered lately. */
    @Override
    public boolean ready() {
        return assigned && contact.recent();
    }

    @Override
    public boolean alive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public PowerSettings settings() {
        return settings;
    }

    private void loop() {
        long nextCommit = System.nanoTime();
        try {
            consumer.subscribe(List.of(settings.topics().power()), new Rebalance());
            while (running.get()) {
                Duration wait = dispatch();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
                    accept(r);
                }
                contact.observe(consumer);
                settle();
                pauseWhenFull();
                if (System.nanoTime() >= nextCommit) {
                    commit(false);
                    nextCommit = System.nanoTime() + COMMIT_EVERY.toNanos();
                }
            }
        } catch (WakeupException e) {
            // close()
        } catch (RuntimeException e) {
            LOG.error("power worker {} stopped", settings.workerId(), e);
        } finally {
            finish();
        }
    }

    /** Starts what the limits allow; how long the next poll may wait. */
    private Duration dispatch() {
        Duration wait = IDLE_POLL;
        while (true) {
            Instant now = clock.instant();
            PowerQueue.Next<Job> next = queue.next(now);
            if (next instanceof PowerQueue.Next.Start<Job> s) {
                Job job = s.item();
                active.incrementAndGet();
                pool.execute(() -> execute(job));
            } else {
                if (next instanceof PowerQueue.Next.WaitUntil<Job> w) {
                    Duration until = Duration.between(now, w.until());
                    wait = until.compareTo(wait) < 0 ? until : wait;
                }
                break;
            }
        }
        queued.set(queue.queued());
        if (queue.running() > 0 && BUSY_POLL.compareTo(wait) < 0) {
            wait = BUSY_POLL;
        }
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private void execute(Job job) {
        PowerResult result;
        try {
            result = run.run(job.request());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.error("{}: {} broke the power worker: {}", job.request().node(), job.request().describe(), e.toString(), e);
            result = new PowerResult(job.request().requestId(), job.request().node(), job.request().action(),
                job.request().pxeOnce(), PowerOutcome.FAILED, null, PowerFailure.UNKNOWN, "internal error: " + e,
                settings.workerId(), 0,
                clock.instant(), clock.instant());
        } finally {
            active.decrementAndGet();
        }
        finished.add(new Finished(job, result));
    }

    private void accept(ConsumerRecord<String, byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        offsets.read(tp, r.offset());
        Decoded<PowerRequest> decoded = Codec.POWER_REQUEST.decode(r.value());
        if (decoded instanceof Decoded.Failure<PowerRequest> f) {
            deadLetter(r, f.reason());
            offsets.done(tp, r.offset());
            return;
        }
        PowerRequest request = ((Decoded.Ok<PowerRequest>) decoded).value();
        String mismatch = TopicKeys.mismatch(r.key(), request.node(), "node");
        if (mismatch != null) {
            deadLetter(r, mismatch);
            offsets.done(tp, r.offset());
            return;
        }
        if (!settings.shard().takes(request.node())) {
            metrics.skipped("other-shard");
            LOG.debug("{}: {} is not this worker's ({})", request.node(), request.describe(), settings.shard());
            offsets.done(tp, r.offset());
            return;
        }
        if (!done.firstTime(request.requestId())) {
            metrics.skipped("duplicate");
            LOG.info("{}: request {} ({}) already taken by this worker; not done twice", request.node(), request.requestId(),
                request.describe());
            offsets.done(tp, r.offset());
            return;
        }
        LOG.info("{}: {} via {} requested by {} (request {})", request.node(), request.describe(), request.bmc(),
            request.who(), request.requestId());
        queue.add(request.node(), new Job(request, tp, r.offset()));
    }

    /** Publishes what finished, and frees the offsets whose results Kafka has. */
    private void settle() {
        for (Finished f; (f = finished.poll()) != null; ) {
            Job job = f.job();
            PowerResult result = f.result();
            queue.finished(job.request().node());
            metrics.result(result);
            log(job.request(), result);
            producer.send(new ProducerRecord<>(settings.topics().powerStatus(), result.node(),
                Codec.POWER_RESULT.encode(result)), (md, e) -> {
                    if (e != null) {
                        LOG.error("{}: could not publish the result of request {} ({}): {}", result.node(),
                            result.requestId(), result.summary(), e.getMessage());
                    }
                    published.add(job);
                });
        }
        for (Job j; (j = published.poll()) != null; ) {
            offsets.done(j.partition(), j.offset());
        }
        queued.set(queue.queued());
    }

    private void log(PowerRequest request, PowerResult r) {
        String took = Duration.between(r.started(), r.finished()).toMillis() + " ms";
        String attempts = r.attempts() + (r.attempts() == 1 ? " attempt" : " attempts");
        if (r.succeeded()) {
            LOG.info("{}: {} via {}: done, power {} ({}, {})", r.node(), request.describe(), request.bmc(),
                r.state().code(), attempts, took);
        } else {
            LOG.warn("{}: {} via {} failed ({}): {} ({}, {})", r.node(), request.describe(), request.bmc(),
                r.reason().code(), r.detail(), attempts, took);
        }
    }

    private void pauseWhenFull() {
        Collection<TopicPartition> mine = consumer.assignment();
        if (queue.queued() >= MAX_QUEUED && consumer.paused().isEmpty()) {
            LOG.warn("power worker {}: {} requests queued; reading paused until half are started", settings.workerId(),
                queue.queued());
            consumer.pause(mine);
        } else if (queue.queued() <= MAX_QUEUED / 2 && !consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.committable().forEach((tp, offset) -> {
            if (consumer.assignment().contains(tp)) {
                commit.put(tp, new OffsetAndMetadata(offset));
            }
        });
        if (commit.isEmpty()) {
            return;
        }
        if (sync) {
            try {
                consumer.commitSync(commit, Duration.ofSeconds(5));
            } catch (WakeupException e) {
                // close() woke a consumer that was not polling: this commit is still owed.
                consumer.commitSync(commit, Duration.ofSeconds(5));
            }
        } else {
            consumer.commitAsync(commit, (o, e) -> {
                if (e != null) {
                    LOG.debug("power worker {}: offset commit failed ({}); the next one covers it", settings.workerId(),
                        e.getMessage());
                }
            });
        }
    }

    /** Lets running requests end (their results are owed), publishes them, commits, closes. */
    private void finish() {
        long deadline = System.nanoTime() + settings.callTimeout().multipliedBy(2).toNanos();
        try {
            pool.shutdown();
            while ((queue.running() > 0 || !finished.isEmpty()) && System.nanoTime() < deadline) {
                settle();
                Thread.sleep(20);
            }
            settle();
            producer.flush();
            settle();
            commit(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("power worker {}: stopping: {}", settings.workerId(), e.toString());
        } finally {
            pool.shutdownNow();
            consumer.close(Duration.ofSeconds(5));
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> r, String reason) {
        metrics.deadLetter();
        byte[] v = r.value();
        String payload = v == null ? null : new String(v, 0, Math.min(v.length, DeadLetter.MAX_PAYLOAD), StandardCharsets.UTF_8);
        DeadLetter dl = new DeadLetter(r.topic(), r.partition(), r.offset(), r.key(),
            reason + " (refused by power worker " + settings.workerId() + ")", payload, clock.instant());
        LOG.warn("{}: refused power record at {}-{}@{}: {}", Printable.quote(r.key()), r.topic(), r.partition(), r.offset(),
            reason);
        producer.send(new ProducerRecord<>(settings.topics().deadletter(), r.key(), Codec.DEAD_LETTER.encode(dl)));
    }

    /** A lost partition's queued requests are its new owner's; what it already finished is committed first. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            settle();
            try {
                commit(true);
            } catch (RuntimeException e) {
                LOG.warn("power worker {}: commit on rebalance failed: {}", settings.workerId(), e.toString());
            }
            List<Job> dropped = queue.drop(job -> partitions.contains(job.partition()));
            dropped.forEach(job -> done.forget(job.request().requestId()));
            partitions.forEach(offsets::forget);
            if (!dropped.isEmpty()) {
                LOG.info("power worker {}: {} queued requests left to the partitions' new owner", settings.workerId(),
                    dropped.size());
            }
            assigned = !consumer.assignment().isEmpty() && !partitions.containsAll(consumer.assignment());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.topics().prefix() + "power-" + settings.workerId());
        // A worker that starts after a request was made still does it (unless its deadline passed).
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "power-" + settings.workerId());
        kafka.forEach((k, v) -> {
            if (!k.startsWith("producer.")) {
                c.put(k.startsWith("consumer.") ? k.substring("consumer.".length()) : k, v);
            }
        });
        return c;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "power-" + settings.workerId() + "-status");
        kafka.forEach((k, v) -> {
            if (!k.startsWith("consumer.") && !k.startsWith("group.")) {
                c.put(k.startsWith("producer.") ? k.substring("producer.".length()) : k, v);
            }
        });
        return c;
    }

    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        consumer.wakeup();
        try {
            thread.join(settings.callTimeout().multipliedBy(3).toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
