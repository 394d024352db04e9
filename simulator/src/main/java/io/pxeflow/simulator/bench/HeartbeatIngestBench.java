package io.pxeflow.simulator.bench;

import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import io.pxeflow.protocol.Topics;
import io.pxeflow.simulator.EmbeddedStack;
import io.pxeflow.simulator.SimNode;
import io.pxeflow.simulator.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Heartbeats per second the controller sustains, next to a plain consume-produce pass-through on
 * the same broker in the same run. Each contender gets the same M heartbeat records, produced as
 * fast as the producer goes, and is timed from the first record produced to its committed offsets
 * reaching the end of its input: a backlog builds, so the slower side's own rate is what shows.
 */
@Command(name = "heartbeat-ingest", mixinStandardHelpOptions = true,
    description = "Controller heartbeat ingest vs a plain Kafka pass-through, same broker, same run.")
public final class HeartbeatIngestBench implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "10000", description = "Registered, up nodes (default ${DEFAULT-VALUE})")
    int nodes;
    @Option(names = "--messages", defaultValue = "300000", description = "Heartbeats per contender (default ${DEFAULT-VALUE})")
    int messages;
    @Option(names = "--warmup", defaultValue = "60000",
        description = "Heartbeats each contender processes, untimed, before its timed run: the JIT compiles "
            + "each contender's own path, which the rate it sustains should not include (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--rounds", defaultValue = "3",
        description = "Timed rounds; each times every contender once, in a rotated order, so a ratio compares "
            + "neighbours in time and the spread between rounds shows the machine's noise (default ${DEFAULT-VALUE})")
    int rounds;

    private static final int PARTITIONS = 6;
    private static final int INTERVAL_SECONDS = 60;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HeartbeatIngestBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("pxeflow-bench-hb");
        Topics topics = new Topics("bench.");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build().start();
             ControllerApp controller = new ControllerApp(ControllerConfig.fromMap(
                 EmbeddedStack.controllerSettings(broker.bootstrapServers(), topics.prefix(), dir)),
                 ControllerApp.newRegistry()).start()) {
            String bootstrap = broker.bootstrapServers();
            while (!controller.ready()) {
                Thread.sleep(100);
            }
            List<SimNode> fleet = BenchCluster.registerAndBringUp(bootstrap, topics, nodes, INTERVAL_SECONDS);
            List<byte[]> beats = BenchCluster.encodedHeartbeats(fleet, INTERVAL_SECONDS);
            List<String> names = new java.util.ArrayList<>(List.of("bench.produce-only", "bench.pt-warm-in", "bench.pt-warm-out",
                "bench.eos-warm-in", "bench.eos-warm-out"));
            for (int r = 1; r <= rounds; r++) {
                names.addAll(List.of("bench.pt-in-" + r, "bench.pt-out-" + r, "bench.eos-in-" + r, "bench.eos-out-" + r));
            }
            createTopics(bootstrap, names.toArray(String[]::new));
            System.out.printf("heartbeat ingest: %d up nodes, %d heartbeats of %d bytes per contender and round (after %d "
                + "untimed), %d rounds, %d partitions, %d cores%n", nodes, messages, beats.get(0).length, warmup, rounds,
                PARTITIONS, Runtime.getRuntime().availableProcessors());

            if (warmup > 0) {
                produce(bootstrap, "bench.produce-only", fleet, beats, warmup, null);
                passThrough(bootstrap, fleet, beats, "bench.pt-warm-in", "bench.pt-warm-out", false, warmup);
                passThrough(bootstrap, fleet, beats, "bench.eos-warm-in", "bench.eos-warm-out", true, warmup);
                controllerRate(bootstrap, topics, fleet, beats, warmup);
            }
            double produceOnly = produce(bootstrap, "bench.produce-only", fleet, beats, messages, null);
            System.out.printf("%-44s %10.0f msg/s%n", "producer alone", produceOnly);
            double[] toPlain = new double[rounds];
            double[] toEos = new double[rounds];
            for (int r = 1; r <= rounds; r++) {
                double[] rate = new double[3];
                for (int k = 0; k < 3; k++) {
                    int which = (k + r - 1) % 3;
                    rate[which] = switch (which) {
                        case 0 -> passThrough(bootstrap, fleet, beats, "bench.pt-in-" + r, "bench.pt-out-" + r, false, messages);
                        case 1 -> passThrough(bootstrap, fleet, beats, "bench.eos-in-" + r, "bench.eos-out-" + r, true, messages);
                        default -> controllerRate(bootstrap, topics, fleet, beats, messages);
                    };
                }
                toPlain[r - 1] = rate[2] / rate[0];
                toEos[r - 1] = rate[2] / rate[1];
                System.out.printf("round %d: pass-through at-least-once %8.0f msg/s, exactly-once %8.0f msg/s, "
                    + "controller %8.0f msg/s; controller / at-least-once = %.2f, / exactly-once = %.2f%n",
                    r, rate[0], rate[1], rate[2], toPlain[r - 1], toEos[r - 1]);
            }
            System.out.printf("controller / pass-through at-least-once: median %.2f (rounds %s); / exactly-once: median %.2f "
                + "(rounds %s) (target >= 0.80)%n", median(toPlain), figures(toPlain), median(toEos), figures(toEos));
            return 0;
        } finally {
            TempDirs.deleteTree(dir);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String figures(double[] v) {
        return java.util.Arrays.stream(v).mapToObj(x -> String.format("%.2f", x)).collect(java.util.stream.Collectors.joining(", "));
    }

    private static void createTopics(String bootstrap, String... names) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> list = java.util.Arrays.stream(names).map(n -> new NewTopic(n, PARTITIONS, (short) 1)).toList();
            admin.createTopics(list).all().get();
            // A topic's leaders reach every broker listener a moment after creation; producing into that
            // window stalls the idempotent producer (NotLeaderOrFollower, then out-of-order retries).
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !admin.describeTopics(List.of(names)).allTopicNames().get().values()
                .stream().allMatch(d -> d.partitions().stream().allMatch(pi -> pi.leader() != null && !pi.leader().isEmpty()))) {
                Thread.sleep(100);
            }
            Thread.sleep(2_000);
        }
    }

    /** Produces {@code count} records to {@code topic}; returns records/s, and marks {@code started} when it begins. */
    private static double produce(String bootstrap, String topic, List<SimNode> fleet, List<byte[]> beats, int count,
                                  AtomicBoolean started) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            if (started != null) {
                started.set(true);
            }
            for (int i = 0; i < count; i++) {
                int n = i % fleet.size();
                producer.send(new ProducerRecord<>(topic, fleet.get(n).name(), beats.get(n)));
            }
            producer.flush();
        }
        return count / ((System.nanoTime() - t0) / 1e9);
    }

    private double passThrough(String bootstrap, List<SimNode> fleet, List<byte[]> beats, String in, String out,
                               boolean exactlyOnce, int count) throws InterruptedException {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + in);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        if (exactlyOnce) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-" + in);
        }
        long[] done = new long[1];
        AtomicBoolean started = new AtomicBoolean();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            if (exactlyOnce) {
                producer.initTransactions();
            }
            consumer.subscribe(List.of(in));
            while (consumer.assignment().size() < PARTITIONS) {
                consumer.poll(Duration.ofMillis(100));
            }
            Thread feeder = new Thread(() -> produce(bootstrap, in, fleet, beats, count, started), "bench-feeder");
            long t0 = System.nanoTime();
            feeder.start();
            while (done[0] < count) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (batch.isEmpty()) {
                    continue;
                }
                if (exactlyOnce) {
                    producer.beginTransaction();
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (ConsumerRecord<String, byte[]> r : batch) {
                    producer.send(new ProducerRecord<>(out, r.key(), r.value()));
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                if (exactlyOnce) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                } else {
                    consumer.commitAsync(offsets, null);
                }
                done[0] += batch.count();
            }
            producer.flush();
            double rate = count / ((System.nanoTime() - t0) / 1e9);
            feeder.join();
            return rate;
        }
    }

    private double controllerRate(String bootstrap, Topics topics, List<SimNode> fleet, List<byte[]> beats, int count)
            throws Exception {
        String group = topics.controllerApplicationId();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long before = committed(admin, group, topics.heartbeats());
            long t0 = System.nanoTime();
            produce(bootstrap, topics.heartbeats(), fleet, beats, count, null);
            while (committed(admin, group, topics.heartbeats()) < before + count) {
                Thread.sleep(20);
            }
            return count / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static long committed(Admin admin, String group, String topic) throws ExecutionException, InterruptedException {
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get().entrySet()) {
            if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                sum += e.getValue().offset();
            }
        }
        return sum;
    }
}
