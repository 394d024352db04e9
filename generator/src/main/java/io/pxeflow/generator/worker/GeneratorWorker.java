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
import io.pxeflow.kafka.replay.TopicReplay;
import io.pxeflow.metrics.WorkerDaemon;
import io.pxeflow.protocol.KafkaConnection;
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
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generator: reads the compacted config topic from the beginning (its own consumer group, so
 * every worker sees every node; a node filter splits the work per rack), and the compacted
 * inventory topic for the networks the DHCP files serve; keeps the output directory in step, runs
 * reload hooks and reports each node generation on config-status.
 *
 * <p>Every start replays both topics ({@link TopicReplay}), because shared files list the whole
 * cluster: until the replay reaches the end offsets it saw at start, changes are only collected
 * and compacted per key ({@link ReplayBuffer}); then the node files are written and dhcpd.conf
 * and friends once, so a restart never hands dhcpd a half-loaded cluster, and files of keys the
 * topic no longer has are removed. The replay's thread owns the output tree; reload hooks run on
 * their own thread.
 *
 * <p>A network the worker cannot serve as the inventory declares it (a setting that contradicts
 * it, an interface no longer on its network) stops the worker when it is found during the
 * replay at start, with the reason in {@link #failure()}; found later, in a newly imported
 * inventory, it is refused: logged, dead-lettered, and the files keep serving the previous network.
 */
public final class GeneratorWorker implements WorkerDaemon.Worker {
    private static final Logger LOG = LoggerFactory.getLogger(GeneratorWorker.class);
    /** How long the broker may hold a fetch to fill a batch (fetch.max.wait.ms). */
    static final int BATCH_WINDOW_MS = 100;

    private final GeneratorSettings settings;
    private final Topics topics;
    private final KafkaConnection kafka;
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
    private final ReplayBuffer buffer = new ReplayBuffer();
    /**
     * Where each change not yet applied came from, for the dead letter it is owed if refused; by
     * identity, because two records with the same content are still two records.
     */
    private final Map<ConfigChange, DeadLetterSender.Origin> origins = new IdentityHashMap<>();
    private DeadLetterSender deadLetters;
    private volatile TopicReplay replay;
    private KafkaProducer<String, byte[]> producer;
    private ReloadScheduler reloads;
    private StatusPublisher status;
    private GeneratedTree tree;

    /** A worker against {@code bootstrapServers}, registering its meters in {@code registry}. */
    public GeneratorWorker(String bootstrapServers, GeneratorSettings settings, MeterRegistry registry) {
        this(KafkaConnection.plain(bootstrapServers), settings, registry, Clock.systemUTC());
    }

    /** A worker against {@code kafka}, which also says how it authenticates. */
    public GeneratorWorker(KafkaConnection kafka, GeneratorSettings settings, MeterRegistry registry, Clock clock) {
        this(kafka, settings, registry, clock, HostInterfaces.system());
    }

    /** As above, reading the head node's interfaces ({@code interface IFACE} networks) from {@code interfaces}. */
    public GeneratorWorker(KafkaConnection kafka, GeneratorSettings settings, MeterRegistry registry, Clock clock,
                           HostInterfaces interfaces) {
        this.interfaces = interfaces;
        this.settings = settings;
        this.topics = new Topics(settings.topicPrefix());
        this.kafka = kafka;
        this.clock = clock;
        this.metrics = new GeneratorMetrics(registry, settings.generatorId());
        java.util.Set<Output> declared = new java.util.TreeSet<>(settings.outputs());
        declared.addAll(settings.reloadCommands().keySet());
        declared.addAll(settings.validateCommands().keySet());
        metrics.declare(declared);
        metrics.gauge("pxeflow.generator.records", "nodes and devices currently rendered", records::get);
        metrics.gauge("pxeflow.generator.caught.up", "1 once the config topic has been replayed", () -> caughtUp.get() ? 1 : 0);
        metrics.gauge("pxeflow.generator.kafka.reachable", "1 while the broker answers the generator's consumer",
            () -> replay != null && replay.brokerReachable() ? 1 : 0);
        metrics.gauge("pxeflow.generator.network.refused", "1 while the latest inventory's network is refused "
            + "(the files serve the previous one)", () -> networkRefused.get() ? 1 : 0);
        metrics.gauge("pxeflow.generator.outside.network", "nodes and devices whose address lies in no subnet, "
            + "left out of the DHCP files", outsideNetwork::get);
    }

    @Override
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
        replay = TopicReplay.batched("generator-" + settings.generatorId(), kafka, consumerSettings(),
            List.of(topics.config(), topics.inventory()), List.of(), new Intake()).start();
        LOG.info("generator {} started: {} -> {} ({}), outputs {}", settings.generatorId(), topics.config(),
            settings.outputDir(), settings.nodeFilter(), settings.outputs());
        return this;
    }

    /** Why the worker stopped by itself (a network it cannot serve, found at start); empty while it runs or after {@link #close()}. */
    @Override
    public java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** False once the worker's thread has ended, by {@link #close()} or by an error it could not survive. */
    @Override
    public boolean alive() {
        TopicReplay r = replay;
        return r != null && r.alive();
    }

    /** True once the topic has been replayed and the shared files written. */
    public boolean caughtUp() {
        return caughtUp.get();
    }

    /**
     * Ready: caught up, and the broker answered within the last 10 s. While
     * Kafka is unreachable the files on disk stay as they are but no longer follow the topic.
     */
    @Override
    public boolean ready() {
        return caughtUp.get() && replay.brokerReachable();
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUpLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /**
     * What the replay hands over. While the topics are replayed, changes are only collected (and
     * compacted); the batch that ends the replay applies them all and writes the shared files.
     * After that each batch is applied as it comes. A batch the disk refuses stays pending.
     */
    private final class Intake implements TopicReplay.BatchHandler {
        private final List<ConfigChange> pending = new ArrayList<>();
        private boolean finishing;

        @Override
        public boolean batch(List<ConsumerRecord<String, byte[]>> batch, boolean endsHistory) {
            List<ConfigChange> changes = decode(batch);
            if (caughtUp.get()) {
                pending.addAll(changes);
            } else {
                changes.forEach(buffer::add);
                if (endsHistory) {
                    pending.addAll(buffer.drain());
                    finishing = true;
                    LOG.info("generator {}: replayed {} to its end: {} changes after compaction",
                        settings.generatorId(), topics.config(), pending.size());
                }
            }
            return retry();
        }

        @Override
        public boolean retry() {
            try {
                if (!pending.isEmpty()) {
                    if (!apply(pending)) {
                        return false;
                    }
                    pending.clear();
                }
                if (finishing) {
                    if (!finishReplay()) {
                        return false;
                    }
                    finishing = false;
                }
            } catch (NetworkContradiction e) {
                failure = "the inventory's network cannot be served: " + e.getMessage();
                LOG.error("generator {} stopped at start, no shared file written: {}", settings.generatorId(), failure);
                replay.stop();
            }
            return true;
        }
    }

    private List<ConfigChange> decode(List<ConsumerRecord<String, byte[]>> batch) {
        List<ConfigChange> changes = new ArrayList<>(batch.size());
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
            // Records before the group's commit at start were dead-lettered, if refused, by the run that committed them.
            if (r.offset() >= replay.committedAtStart().getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L)) {
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
            metrics.writeFailed();
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

    /** Removes the files of keys gone from the topic and writes the shared files; false when the disk refused. */
    private boolean finishReplay() {
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
            return true;
        } catch (IOException | RuntimeException e) {
            caughtUp.set(false);
            LOG.error("generator {}: cannot write the shared files: {}; retrying", settings.generatorId(), e.toString());
            metrics.writeFailed();
            return false;
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

    private Map<String, String> consumerSettings() {
        Map<String, String> c = new HashMap<>();
        // A group only for committed offsets, which show its lag and what a restart already dead-lettered.
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "pxeflow-generator-" + settings.generatorId());
        // Group commit: every batch costs a durable write per file (or one syncfs for a large
        // batch) whatever its size, so a storm of flips is written far faster in batches of a
        // tenth of a second than one flip at a time; a lone change waits at most that long.
        c.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(256 * 1024));
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(BATCH_WINDOW_MS));
        return c;
    }

    private Properties producerConfig() {
        Properties c = kafka.properties();
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "generator-" + settings.generatorId() + "-status");
        return c;
    }

    @Override
    public synchronized void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        replay.close();
        reloads.close();
        producer.close(Duration.ofSeconds(5));
        LOG.info("generator {} stopped", settings.generatorId());
    }
}
