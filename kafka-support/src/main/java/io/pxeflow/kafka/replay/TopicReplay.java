package io.pxeflow.kafka.replay;

import io.pxeflow.protocol.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays topics from their beginning to the end offsets they had when it started, tells its
 * handler which records were history and when the history is done ("caught up"), then keeps
 * following them, and optionally follows other topics from their end only. This is how a
 * process builds a table from a compacted topic (the controller's cluster view, the bridge's
 * address book): one consumer thread, no consumer group, read-committed.
 *
 * <p>It also says whether the broker is answering: the consumer polls all the time and a
 * reachable broker answers every fetch within {@code fetch.max.wait.ms} (500 ms), so ten
 * seconds of silence mean Kafka is unreachable and the table is going stale.
 */
public final class TopicReplay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicReplay.class);
    private static final long BROKER_SILENCE_NANOS = Duration.ofSeconds(10).toNanos();

    /** What receives the records, on the replay's own thread. */
    public interface Handler {
        /** @param history the record was in the topic when the replay started (offset below its end offset then) */
        void record(ConsumerRecord<String, byte[]> record, boolean history);

        /** The history of every replayed topic has been handed over; called once, before {@link #caughtUp()} turns true. */
        default void caughtUp() {
        }
    }

    private final String name;
    private final List<String> replayed;
    private final List<String> followed;
    private final Handler handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean started;
    private volatile boolean caughtUp;
    private volatile long lastBrokerResponse;
    private volatile boolean brokerAnswered;
    private Map<TopicPartition, Long> ends = Map.of();
    private Metric responses;
    private double responseCount = -1;

    /**
     * @param name      names the thread and the consumer's client id (unless {@code own} names one)
     * @param kafka     where Kafka is and how this process authenticates to it
     * @param own       the caller's own consumer settings, over the connection's
     * @param replayed  topics read from the beginning; caught up once each reached its end offset at start
     * @param followed  topics read from their end (live only)
     */
    public TopicReplay(String name, KafkaConnection kafka, Map<String, String> own, List<String> replayed, List<String> followed,
                       Handler handler) {
        this.name = name;
        this.replayed = List.copyOf(replayed);
        this.followed = List.copyOf(followed);
        this.handler = handler;
        Properties p = kafka.properties();
        p.putAll(own);
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, name);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    public synchronized TopicReplay start() {
        started = true;
        thread.start();
        return this;
    }

    /** True once the history of every replayed topic has been handed to the handler. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Whether the broker answered within the last 10 s. */
    public boolean brokerReachable() {
        return brokerAnswered && System.nanoTime() - lastBrokerResponse < BROKER_SILENCE_NANOS;
    }

    private void run() {
        try {
            List<TopicPartition> history = new ArrayList<>();
            for (String t : replayed) {
                history.addAll(partitions(t));
            }
            List<TopicPartition> live = new ArrayList<>();
            for (String t : followed) {
                live.addAll(partitions(t));
            }
            List<TopicPartition> all = new ArrayList<>(history);
            all.addAll(live);
            consumer.assign(all);
            // Never with an empty list: the consumer reads that as "every assigned partition".
            if (!history.isEmpty()) {
                consumer.seekToBeginning(history);
            }
            if (!live.isEmpty()) {
                consumer.seekToEnd(live);
            }
            ends = new HashMap<>(consumer.endOffsets(history));
            checkCaughtUp();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    handler.record(r, !caughtUp && r.offset() < ends.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L));
                }
                noteBrokerResponses();
                if (!caughtUp) {
                    checkCaughtUp();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("{} stopped", name, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private List<TopicPartition> partitions(String topic) {
        while (running) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            LOG.info("{}: waiting for topic {}", name, topic);
        }
        return List.of();
    }

    private void checkCaughtUp() {
        for (var e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return;
            }
        }
        handler.caughtUp();
        caughtUp = true;
    }

    /** Reads the consumer's count of responses received; on the replay thread, as the consumer is single-threaded. */
    private void noteBrokerResponses() {
        if (responses == null) {
            consumer.metrics().forEach((n, metric) -> {
                if ("response-total".equals(n.name()) && "consumer-metrics".equals(n.group())) {
                    responses = metric;
                }
            });
        }
        double count = responses == null ? -1 : ((Number) responses.metricValue()).doubleValue();
        if (count > responseCount) {
            responseCount = count;
            lastBrokerResponse = System.nanoTime();
            brokerAnswered = true;
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (!started) {
            consumer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
