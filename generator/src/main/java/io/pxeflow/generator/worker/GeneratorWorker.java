package io.pxeflow.generator.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.pxeflow.generator.output.ApplyReport;
import io.pxeflow.generator.output.ConfigChange;
import io.pxeflow.generator.output.GeneratedTree;
import io.pxeflow.generator.output.KeyOutcome;
import io.pxeflow.generator.reload.CommandRunner;
import io.pxeflow.generator.reload.ReloadPolicy;
import io.pxeflow.generator.reload.ReloadScheduler;
import io.pxeflow.generator.reload.ToolValidator;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.generator.render.NetworkContradiction;
import io.pxeflow.generator.render.NetworkPlan;
import io.pxeflow.generator.render.Output;
import io.pxeflow.inventory.HostInterfaces;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.ConfigOutcome;
import io.pxeflow.protocol.message.ConfigRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generator: reads the compacted config topic from the beginning (its own consumer group, so
 * every worker sees every node; a node filter splits the work per rack), and the compacted
 * inventory topic for the networks the DHCP files serve; keeps the output directory in step, runs
 * reload hooks and reports each node generation on config-status.
 *
 * <p>Every start replays both topics, because shared files list the whole cluster: until the
 * replay reaches the end offsets seen at assignment, only per-node files are written (mostly
 * skipped as unchanged) and dhcpd.conf and friends are held back, so a restart never hands dhcpd
 * a half-loaded cluster. At the end, files of keys the topic no longer has are removed. One thread
 * owns the consumer and the output tree; reload hooks run on their own thread.
 *
 * <p>A network the worker cannot serve as the inventory declares it (a setting that contradicts
 * it, an interface no longer on its network) stops the worker when it is found during the
 * replay at start, with the reason in {@link #failure()}; found later, in a newly imported
 * inventory, it is refused: logged, dead-lettered, and the files keep serving the previous network.
 */
public final class GeneratorWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GeneratorWorker.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(30);
    /** How long the broker may hold a fetch to fill a batch (fetch.max.wait.ms). */
    static final int BATCH_WINDOW_MS = 100;
    /** A polling consumer hears from the broker at least every fetch.max.wait.ms ({@value #BATCH_WINDOW_MS} ms); this is many of those. */
    private static final Duration BROKER_SILENCE = Duration.ofSeconds(10);

    private final GeneratorSettings settings;
    private final Topics topics;
    private final Map<String, Object> kafka;
    private final Clock clock;
    private final GeneratorMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final CountDownLatch caughtUpLatch = new CountDownLatch(1);
    private final AtomicInteger records = new AtomicInteger();
    private final AtomicBoolean networkRefused = new AtomicBoolean();
    private final AtomicInteger outsideNetwork = new AtomicInteger();
    private final HostInterfaces interfaces;
    private volatile String failure;
    private final Map<TopicPartition, Long> replayEnd = new HashMap<>();
    private final ReplayBuffer replay = new ReplayBuffer();
    private final BrokerContact contact = new BrokerContact(BROKER_SILENCE);
    /**
     * Where each change not yet applied came from, for the dead letter it is owed if refused; by
     * identity, because two records with the same content are still two records.
     */
    private final Map<ConfigChange, DeadLetterSender.Origin> origins = new IdentityHashMap<>();
    /** Offsets this worker's group had committed when it started: records before them were dead-lettered then. */
    private final Map<TopicPartition, Long> seenBefore = new HashMap<>();
    private DeadLetterSender deadLetters;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private ReloadScheduler reloads;
    private StatusPublisher status;
    private GeneratedTree tree;
    private volatile Thread thread;

    /** A worker against {@code bootstrapServers}, registering its meters in {@code registry}. */
    public GeneratorWorker(String bootstrapServers, GeneratorSettings settings, MeterRegistry registry) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), settings, registry, Clock.systemUTC());
    }

    /** {@code kafka} holds at least bootstrap.servers; any client setting given here wins over the defaults. */
    public GeneratorWorker(Map<String, Object> kafka, GeneratorSettings settings, MeterRegistry registry, Clock clock) {
        this(kafka, settings, registry, clock, HostInterfaces.system());
    }

    /** As above, reading the head node's interfaces ({@code interface IFACE} networks) from {@code interfaces}. */
    public GeneratorWorker(Map<String, Object> kafka, GeneratorSettings settings, MeterRegistry registry, Clock clock,
                           HostInterfaces interfaces) {
        this.interfaces = interfaces;
        this.settings = settings;
        this.topics = new Topics(settings.topicPrefix());
        this.kafka = Map.copyOf(kafka);
        this.clock = clock;
        this.metrics = new GeneratorMetrics(registry, settings.generatorId());
        java.util.Set<Output> declared = new java.util.TreeSet<>(settings.outputs());
        declared.addAll(settings.reloadCommands().keySet());
        declared.addAll(settings.validateCommands().keySet());
        metrics.declare(declared);
        metrics.gauge("pxeflow.generator.records", "nodes and devices currently rendered", records::get);
        metrics.gauge("pxeflow.generator.caught.up", "1 once the config topic has been replayed", () -> caughtUp.get() ? 1 : 0);
        metrics.gauge("pxeflow.generator.kafka.reachable", "1 while the broker answers the generator's consumer",
            () -> contact.recent() ? 1 : 0);
        metrics.gauge("pxeflow.generator.network.refused", "1 while the latest inventory's network is refused "
            + "(the files serve the previous one)", () -> networkRefused.get() ? 1 : 0);
        metrics.gauge("pxeflow.generator.outside.network", "nodes and devices whose address lies in no subnet, "
            + "left out of the DHCP files", outsideNetwork::get);
    }

    public synchronized GeneratorWorker start() {
        if (!running.compareAndSet(false, true)) {
            return this;
        }
        CommandRunner runner = new CommandRunner(settings.reloadTimeout());
        ToolValidator validator = new ToolValidator(settings.validateCommands(), runner, metrics::validationRefused);
        tree = new GeneratedTree(settings, validator, clock, interfaces);
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        status = new StatusPublisher(producer, topics.configStatus(), settings.generatorId(), clock, metrics);
        deadLetters = new DeadLetterSender(producer, topics.deadletter(), settings.generatorId(), clock, metrics);
        reloads = new ReloadScheduler(settings.reloadCommands(), settings.reloadDebounce(), settings.reloadMaxBackoff(),
            runner, new ReloadReporter());
        metrics.gauge("pxeflow.generator.reload.pending", "records waiting for a reload hook", reloads::pendingRecords);
        consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::loop, "generator-" + settings.generatorId());
        thread.start();
        LOG.info("generator {} started: {} -> {} ({}), outputs {}", settings.generatorId(), topics.config(),
            settings.outputDir(), settings.nodeFilter(), settings.outputs());
        return this;
    }

    /** Why the worker stopped by itself (a network it cannot serve, found at start); empty while it runs or after {@link #close()}. */
    public java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** False once the worker's thread has ended, by {@link #close()} or by an error it could not survive. */
    public boolean alive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** True once the topic has been replayed and the shared files written. */
    public boolean caughtUp() {
        return caughtUp.get();
    }

    /**
     * Ready: caught up, and the broker answered within the last {@link #BROKER_SILENCE}. While
     * Kafka is unreachable the files on disk stay as they are but no longer follow the topic.
     */
    public boolean ready() {
        return caughtUp.get() && contact.recent();
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUpLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public GeneratorSettings settings() {
        return settings;
    }

    private void loop() {
        List<ConfigChange> retry = new ArrayList<>();
        Duration backoff = Duration.ofMillis(500);
        try {
            replayFromStart(awaitPartitions());
            while (running.get()) {
                if (!retry.isEmpty()) {
                    if (apply(retry)) {
                        retry.clear();
                        backoff = Duration.ofMillis(500);
                        consumer.resume(consumer.paused());
                    } else {
                        sleep(backoff);
                        backoff = backoff.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : backoff.multipliedBy(2);
                        consumer.poll(Duration.ZERO);
                        contact.observe(consumer);
                        continue;
                    }
                }
                ConsumerRecords<String, byte[]> batch = consumer.poll(POLL);
                contact.observe(consumer);
                List<ConfigChange> changes = decode(batch);
                if (!caughtUp.get()) {
                    changes.forEach(replay::add);
                    changes = List.of();
                    if (replayDone()) {
                        changes = replay.drain();
                        LOG.info("generator {}: replayed {} to its end: {} changes after compaction",
                            settings.generatorId(), topics.config(), changes.size());
                    }
                }
                if (!changes.isEmpty() && !apply(changes)) {
                    // The disk said no (full, read-only): keep the batch, stop reading, try again.
                    retry.addAll(changes);
                    consumer.pause(consumer.assignment());
                    continue;
                }
                if (!caughtUp.get() && replayDone()) {
                    finishReplay();
                }
                if (!batch.isEmpty() && caughtUp.get()) {
                    // Not while replaying: refused records are dead-lettered when the replay is
                    // applied, and a restart skips the dead letters of records before the commit.
                    consumer.commitAsync();
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.error("generator {}: unexpected wakeup", settings.generatorId(), e);
            }
        } catch (NetworkContradiction e) {
            failure = "the inventory's network cannot be served: " + e.getMessage();
            LOG.error("generator {} stopped at start, no shared file written: {}", settings.generatorId(), failure);
        } catch (RuntimeException e) {
            LOG.error("generator {} stopped by an unexpected error", settings.generatorId(), e);
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("closing the consumer: {}", e.getMessage());
            }
        }
    }

    private List<ConfigChange> decode(ConsumerRecords<String, byte[]> batch) {
        List<ConfigChange> changes = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, byte[]> r : batch) {
            String key = r.key() == null ? "" : r.key();
            if (r.topic().equals(topics.inventory())) {
                inventory(r, key).ifPresent(changes::add);
                continue;
            }
            if (r.value() == null) {
                changes.add(new ConfigChange.Remove(key));
                continue;
            }
            Decoded<ConfigRecord> d = Codec.CONFIG.decode(r.value());
            ConfigChange change;
            byte[] keptPayload = null;
            if (d instanceof Decoded.Ok<ConfigRecord> ok) {
                change = new ConfigChange.Upsert(key, ok.value());
            } else {
                change = new ConfigChange.Undecodable(key, ((Decoded.Failure<ConfigRecord>) d).reason());
                keptPayload = r.value();
            }
            if (r.offset() >= seenBefore.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L)) {
                origins.put(change, DeadLetterSender.Origin.of(r, keptPayload));
            }
            changes.add(change);
        }
        return changes;
    }

    /** The inventory record's networks; an undecodable one is the controller's to dead-letter, and changes nothing here. */
    private java.util.Optional<ConfigChange> inventory(ConsumerRecord<String, byte[]> r, String key) {
        if (!ClusterInventory.KEY.equals(key)) {
            return java.util.Optional.empty();
        }
        ConfigChange change;
        if (r.value() == null) {
            change = new ConfigChange.Network(null);
        } else if (Codec.INVENTORY.decode(r.value()) instanceof Decoded.Ok<ClusterInventory> ok) {
            change = new ConfigChange.Network(ok.value());
        } else {
            LOG.error("generator {}: the inventory record at {}-{}@{} does not decode; the files keep serving {}",
                settings.generatorId(), r.topic(), r.partition(), r.offset(), tree.network().describe());
            return java.util.Optional.empty();
        }
        origins.put(change, DeadLetterSender.Origin.of(r, null));
        return java.util.Optional.of(change);
    }

    /** Serves a new inventory's networks, or refuses them (see the class comment). */
    private void network(ConfigChange.Network change) {
        try {
            NetworkPlan plan = tree.network(change.inventory());
            networkRefused.set(false);
            plan.notes().forEach(note -> LOG.warn("generator {}: {}", settings.generatorId(), note));
            LOG.info("generator {}: serving {} (head {})", settings.generatorId(), plan.describe(), plan.head());
        } catch (NetworkContradiction e) {
            if (!caughtUp.get()) {
                throw e;
            }
            networkRefused.set(true);
            LOG.error("generator {}: the new inventory's network is refused, the files keep serving {}: {}",
                settings.generatorId(), tree.network().describe(), e.getMessage());
            DeadLetterSender.Origin origin = origins.get(change);
            if (origin != null) {
                deadLetters.send(origin, new ApplyReport.Refusal(change, e.getMessage()));
            }
        }
    }

    /** Applies and reports; false when the output directory could not be written. */
    private boolean apply(List<ConfigChange> all) {
        long start = System.nanoTime();
        List<ConfigChange> changes = new ArrayList<>(all.size());
        for (ConfigChange c : all) {
            if (c instanceof ConfigChange.Network n) {
                network(n);
            } else {
                changes.add(c);
            }
        }
        ApplyReport report;
        try {
            report = tree.apply(changes, caughtUp.get());
        } catch (IOException | RuntimeException e) {
            LOG.error("generator {}: cannot write {} records to {}: {}; retrying", settings.generatorId(), changes.size(),
                settings.outputDir(), e.toString());
            return false;
        }
        for (ApplyReport.Refusal refusal : report.refusals()) {
            DeadLetterSender.Origin origin = origins.get(refusal.change());
            if (origin != null) {
                deadLetters.send(origin, refusal);
            }
        }
        // Changes are applied in the order decoded, and nothing is decoded while a failed batch
        // waits: whatever was not applied now was superseded during the replay.
        origins.clear();
        handle(report, Duration.ofNanos(System.nanoTime() - start));
        return true;
    }

    private void finishReplay() {
        long start = System.nanoTime();
        try {
            ApplyReport pruned = tree.pruneOrphans();
            handle(pruned, Duration.ofNanos(System.nanoTime() - start));
            caughtUp.set(true);
            ApplyReport shared = tree.apply(List.of(), true);
            handle(shared, Duration.ofNanos(System.nanoTime() - start));
            caughtUpLatch.countDown();
            LOG.info("generator {}: replayed {} ({} records) in {} ms", settings.generatorId(), topics.config(),
                records.get(), Duration.ofNanos(System.nanoTime() - start).toMillis());
        } catch (IOException | RuntimeException e) {
            caughtUp.set(false);
            LOG.error("generator {}: cannot write the shared files: {}; retrying", settings.generatorId(), e.toString());
            sleep(Duration.ofSeconds(1));
        }
    }

    private void handle(ApplyReport report, Duration took) {
        metrics.applied(report, took);
        records.set(tree.size());
        outsideNetwork.set(tree.outsideTheNetwork().size());
        Set<Output> needed = ReloadPolicy.needed(report.changes(), reloads.hooked());
        List<KeyOutcome> waiting = new ArrayList<>();
        for (KeyOutcome o : report.outcomes()) {
            if (o.outcome() == ConfigOutcome.APPLIED && reloads.waitsFor(o, needed)) {
                waiting.add(o);
            } else {
                status.publish(o);
            }
        }
        if (!needed.isEmpty()) {
            reloads.request(needed, waiting);
        }
        if (report.stats().written() + report.stats().deleted() > 0) {
            LOG.info("generator {}: {} records, {} files written, {} unchanged, {} deleted{}", settings.generatorId(),
                report.outcomes().size(), report.stats().written(), report.stats().skipped(), report.stats().deleted(),
                needed.isEmpty() ? "" : ", reload " + needed);
        }
    }

    private boolean replayDone() {
        if (replayEnd.isEmpty()) {
            return false;
        }
        for (Map.Entry<TopicPartition, Long> e : replayEnd.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every worker reads every partition, so it assigns them itself rather than joining a group
     * rebalance: a worker restarted after a crash would otherwise wait out its dead predecessor's
     * session (45 s) before rendering anything. The group id stays, for committed offsets that
     * show its lag.
     */
    private List<TopicPartition> awaitPartitions() {
        while (running.get()) {
            List<TopicPartition> parts = new ArrayList<>();
            String missing = null;
            for (String topic : List.of(topics.config(), topics.inventory())) {
                List<TopicPartition> of = new ArrayList<>();
                try {
                    consumer.partitionsFor(topic).forEach(p -> of.add(new TopicPartition(p.topic(), p.partition())));
                } catch (RetriableException e) {
                    LOG.debug("generator {}: {} not readable yet: {}", settings.generatorId(), topic, e.toString());
                }
                if (of.isEmpty()) {
                    missing = topic;
                }
                parts.addAll(of);
            }
            if (missing == null) {
                return parts;
            }
            LOG.info("generator {}: waiting for topic {} to exist", settings.generatorId(), missing);
            sleep(Duration.ofSeconds(1));
        }
        return List.of();
    }

    /** The files are rebuilt from the full topic: replay from the start up to the end offsets seen now. */
    private void replayFromStart(List<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        replayEnd.putAll(consumer.endOffsets(partitions));
        consumer.committed(new java.util.HashSet<>(partitions)).forEach((tp, committed) -> {
            if (committed != null) {
                seenBefore.put(tp, committed.offset());
            }
        });
        LOG.info("generator {}: replaying {} partitions of {} and {}", settings.generatorId(), partitions.size(),
            topics.config(), topics.inventory());
    }

    /** Reload outcomes become config-status reports and metrics. */
    private final class ReloadReporter implements ReloadScheduler.Listener {
        @Override
        public void reloaded(Output output, CommandRunner.Result result, List<KeyOutcome> applied) {
            metrics.reload(output, true, result.took());
            applied.forEach(status::publish);
        }

        @Override
        public void failed(Output output, CommandRunner.Result result, String reason, List<KeyOutcome> stillWaiting) {
            metrics.reload(output, false, result.took());
            stillWaiting.forEach(o -> status.publish(o, ConfigOutcome.FAILED, reason));
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "pxeflow-generator-" + settings.generatorId());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        // Group commit: every batch costs a durable write per file (or one syncfs for a large
        // batch) whatever its size, so a storm of flips is written far faster in batches of a
        // tenth of a second than one flip at a time; a lone change waits at most that long.
        c.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024);
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, BATCH_WINDOW_MS);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "generator-" + settings.generatorId());
        kafka.forEach((k, v) -> {
            if (!k.startsWith("producer.")) {
                c.put(k.startsWith("consumer.") ? k.substring(9) : k, v);
            }
        });
        return c;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "generator-" + settings.generatorId() + "-status");
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        kafka.forEach((k, v) -> {
            if (k.startsWith("producer.")) {
                c.put(k.substring(9), v);
            } else if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                c.put(k, v);
            }
        });
        return c;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reloads.close();
        producer.close(Duration.ofSeconds(5));
        LOG.info("generator {} stopped", settings.generatorId());
    }
}
