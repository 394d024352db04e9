package io.pxeflow.kafka.replay;

import io.pxeflow.protocol.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
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
 * address book, the generator's files): one consumer thread, assigned partitions rather than a
 * group rebalance (a restarted process would otherwise wait out its dead predecessor's session),
 * read-committed.
 *
 * <p>A handler takes records one at a time ({@link Handler}) or a poll at a time
 * ({@link BatchHandler}, for work that costs per batch, such as a durable write); a batch handler
 * may refuse a batch it cannot take now, and gets it offered again, with a growing pause, while
 * the replay keeps its place. With a {@code group.id} among the settings, the replay commits what
 * its batch handler has taken once caught up, so the group's lag shows how far behind it is and
 * {@link #committedAtStart} tells a restart what the last run had already handled.
 *
 * <p>It also says whether the broker is answering ({@link BrokerContact}).
 */
public final class TopicReplay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicReplay.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY_FIRST = Duration.ofMillis(500);
    private static final Duration RETRY_MAX = Duration.ofSeconds(30);
    private static final Duration PROBE = Duration.ofSeconds(1);

    /** What receives the records one at a time, on the replay's own thread. */
    public interface Handler {
        /** @param history the record was in the topic when the replay started (offset below its end offset then) */
        void record(ConsumerRecord<String, byte[]> record, boolean history);

        /** The history of every replayed topic has been handed over; called once, before {@link #caughtUp()} turns true. */
        default void caughtUp() {
        }
    }

    /** What receives the records a poll at a time, on the replay's own thread. */
    public interface BatchHandler {
        /**
         * @param records     one poll's records, in offset order within each partition; empty only when it ends the history
         * @param endsHistory with these, the history of every replayed topic has been handed over (they may
         *                    include records written since the start); true for exactly one batch
         * @return false when it cannot take the batch now (a full disk): it keeps the batch, and the
         *     replay stops fetching and calls {@link #retry()} after 0.5 s, then ever longer pauses up to 30 s,
         *     until that returns true
         */
        boolean batch(List<ConsumerRecord<String, byte[]>> records, boolean endsHistory);

        /** Try again what {@link #batch} refused; true once it has taken it. */
        boolean retry();
    }

    private final String name;
    private final List<String> replayed;
    private final List<String> followed;
    private final Handler handler;
    private final BatchHandler batchHandler;
    private final boolean commits;
    private final KafkaConsumer<String, byte[]> consumer;
    private final BrokerContact contact = new BrokerContact(Duration.ofSeconds(10));
    private final Thread thread;
    private volatile boolean running = true;
    /** Stopped by its handler: what the handler was given last was not taken, so it is not committed. */
    private volatile boolean stopped;
    private boolean started;
    private volatile boolean caughtUp;
    private Map<TopicPartition, Long> ends = Map.of();
    private final Map<TopicPartition, Long> committedAtStart = new HashMap<>();

    /**
     * @param name      names the thread and the consumer's client id (unless {@code own} names one)
     * @param kafka     where Kafka is and how this process authenticates to it
     * @param own       the caller's own consumer settings, over the connection's
     * @param replayed  topics read from the beginning; caught up once each reached its end offset at start
     * @param followed  topics read from their end (live only)
     */
    public TopicReplay(String name, KafkaConnection kafka, Map<String, String> own, List<String> replayed, List<String> followed,
                       Handler handler) {
        this(name, kafka, own, replayed, followed, handler, null);
    }

    /** As the constructor, handing the records over a poll at a time. */
    public static TopicReplay batched(String name, KafkaConnection kafka, Map<String, String> own, List<String> replayed,
                                      List<String> followed, BatchHandler handler) {
        return new TopicReplay(name, kafka, own, replayed, followed, null, handler);
    }

    private TopicReplay(String name, KafkaConnection kafka, Map<String, String> own, List<String> replayed,
                        List<String> followed, Handler handler, BatchHandler batchHandler) {
        this.name = name;
        this.replayed = List.copyOf(replayed);
        this.followed = List.copyOf(followed);
        this.handler = handler;
        this.batchHandler = batchHandler;
        Properties p = kafka.properties();
        p.putAll(own);
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, name);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.commits = batchHandler != null && p.containsKey(ConsumerConfig.GROUP_ID_CONFIG);
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
        return contact.recent();
    }

    /** False once the replay's thread has ended: closed, stopped by its handler, or stopped by an error. */
    public boolean alive() {
        return thread.isAlive();
    }

    /**
     * The offsets the group ({@code group.id}) had committed when the replay started; records
     * below them were taken by an earlier run. Empty without a group. For the handler's thread.
     */
    public Map<TopicPartition, Long> committedAtStart() {
        return committedAtStart;
    }

    /**
     * Ends the replay after the handler call in progress, without committing what that call was
     * given; for a handler that cannot go on.
     */
    public void stop() {
        stopped = true;
        running = false;
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
            if (!running) {
                return;
            }
            consumer.assign(all);
            // Never with an empty list: the consumer reads that as "every assigned partition".
            if (!history.isEmpty()) {
                consumer.seekToBeginning(history);
            }
            if (!live.isEmpty()) {
                consumer.seekToEnd(live);
            }
            ends = new HashMap<>(consumer.endOffsets(history));
            LOG.info("{}: replaying {} partitions of {} from their beginning{}", name, history.size(), replayed,
                followed.isEmpty() ? "" : ", following " + followed + " from their end");
            if (commits) {
                consumer.committed(new HashSet<>(all)).forEach((tp, committed) -> {
                    if (committed != null) {
                        committedAtStart.put(tp, committed.offset());
                    }
                });
            }
            if (reachedEnds()) {
                hand(List.of(), true);
            }
            while (running) {
                ConsumerRecords<String, byte[]> polled = consumer.poll(POLL);
                contact.observe(consumer);
                boolean endsHistory = !caughtUp && reachedEnds();
                if (!polled.isEmpty() || endsHistory) {
                    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(polled.count());
                    polled.forEach(records::add);
                    hand(records, endsHistory);
                    if (commits && caughtUp && !stopped && !records.isEmpty()) {
                        consumer.commitAsync();
                    }
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

    private void hand(List<ConsumerRecord<String, byte[]>> records, boolean endsHistory) {
        if (batchHandler != null) {
            if (!batchHandler.batch(records, endsHistory)) {
                retry();
            }
        } else {
            for (ConsumerRecord<String, byte[]> r : records) {
                handler.record(r, !caughtUp && r.offset() < ends.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L));
            }
            if (endsHistory) {
                handler.caughtUp();
            }
        }
        if (endsHistory) {
            caughtUp = true;
        }
    }

    /**
     * Fetches nothing (every partition paused) until the handler takes its batch. A paused
     * consumer sends no request of its own, so it asks for the end offsets once a second: a
     * refusing disk must not read as an unreachable broker.
     */
    private void retry() {
        consumer.pause(consumer.assignment());
        Duration pause = RETRY_FIRST;
        long next = System.nanoTime() + pause.toNanos();
        long probe = System.nanoTime();
        while (running) {
            consumer.poll(POLL);
            if (System.nanoTime() - probe >= 0) {
                try {
                    consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(2));
                } catch (TimeoutException e) {
                    // no answer: the contact goes stale, which is what it should say
                }
                probe = System.nanoTime() + PROBE.toNanos();
            }
            contact.observe(consumer);
            if (System.nanoTime() - next >= 0) {
                if (batchHandler.retry()) {
                    consumer.resume(consumer.assignment());
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : pause.multipliedBy(2);
                next = System.nanoTime() + pause.toNanos();
            }
        }
    }

    private List<TopicPartition> partitions(String topic) {
        while (running) {
            try {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                }
                LOG.info("{}: waiting for topic {} to exist", name, topic);
            } catch (RetriableException e) {
                LOG.info("{}: waiting for topic {}: {}", name, topic, e.toString());
            }
            pause(Duration.ofSeconds(1));
        }
        return List.of();
    }

    private boolean reachedEnds() {
        for (var e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            // Long enough for a batch handler's write in progress (a whole cluster's files) to end.
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
