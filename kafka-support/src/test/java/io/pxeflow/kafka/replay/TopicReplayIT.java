package io.pxeflow.kafka.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.testkit.KafkaTestClients;
import io.pxeflow.testkit.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A compacted topic replayed into a table against a real broker: history first, "caught up", then live records. */
class TopicReplayIT {
    private static final String BOOTSTRAP = TestKafka.bootstrapServers();

    private static final KafkaConnection KAFKA = KafkaConnection.plain(BOOTSTRAP);

    private static final TopicReplay.BatchHandler TAKES_ALL = new TopicReplay.BatchHandler() {
        @Override
        public boolean batch(List<ConsumerRecord<String, byte[]>> records, boolean endsHistory) {
            return true;
        }

        @Override
        public boolean retry() {
            return true;
        }
    };

    private static void send(String topic, String key, String value) {
        KafkaTestClients.send(BOOTSTRAP, topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aReplayedTopicIsHistoryUntilCaughtUp_thenLive_andAFollowedTopicIsLiveOnly() throws Exception {
        String prefix = TestKafka.uniquePrefix();
        String table = prefix + "table";
        String live = prefix + "live";
        KafkaTestClients.createTopics(BOOTSTRAP, 3, List.of(table, live));
        for (int i = 0; i < 20; i++) {
            send(table, "k" + i, "v" + i);
        }
        send(table, "k3", null);
        send(live, "old", "before the start: never seen");

        Map<String, String> rows = new ConcurrentHashMap<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        int[] historyAtCaughtUp = {-1};
        TopicReplay.Handler handler = new TopicReplay.Handler() {
            @Override
            public void record(ConsumerRecord<String, byte[]> r, boolean history) {
                seen.add(r.topic().substring(prefix.length()) + ":" + r.key() + (history ? " (history)" : ""));
                if (r.topic().equals(table)) {
                    if (r.value() == null) {
                        rows.remove(r.key());
                    } else {
                        rows.put(r.key(), new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }

            @Override
            public void caughtUp() {
                historyAtCaughtUp[0] = rows.size();
            }
        };
        try (TopicReplay replay = new TopicReplay("replay-it", KAFKA, Map.of(), List.of(table), List.of(live), handler).start()) {
            await(replay::caughtUp, "caught up");
            assertEquals(19, historyAtCaughtUp[0], "the whole history, the tombstone applied, before caught up");
            assertTrue(seen.stream().filter(s -> s.startsWith("table:")).allMatch(s -> s.endsWith("(history)")));
            assertTrue(replay.brokerReachable());

            send(table, "k99", "new");
            send(live, "fresh", "after the start");
            await(() -> rows.containsKey("k99") && seen.contains("live:fresh"), "live records arrived");
            assertTrue(seen.contains("table:k99"), "a record after the replay is not history");
            assertFalse(seen.stream().anyMatch(s -> s.startsWith("live:old")), "a followed topic starts at its end");
        }
    }

    @Test
    void onlyReplayedTopics_andAnEmptyOne_catchUp() throws Exception {
        String topic = TestKafka.uniquePrefix() + "empty";
        KafkaTestClients.createTopics(BOOTSTRAP, 2, List.of(topic));
        try (TopicReplay replay = new TopicReplay("replay-it-2", KAFKA, Map.of(), List.of(topic), List.of(),
                (r, history) -> { }).start()) {
            await(replay::caughtUp, "an empty topic caught up");
        }
        String one = TestKafka.uniquePrefix() + "one";
        KafkaTestClients.createTopics(BOOTSTRAP, 2, List.of(one));
        send(one, "a", "1");
        Map<String, Boolean> got = new ConcurrentHashMap<>();
        try (TopicReplay replay = new TopicReplay("replay-it-3", KAFKA, Map.of(), List.of(one), List.of(),
                (r, history) -> got.put(r.key(), history)).start()) {
            await(replay::caughtUp, "caught up");
            assertEquals(Map.of("a", true), got, "without followed topics the history is still read from the start");
        }
    }

    /**
     * A batch handler sees the history end in exactly one batch; a batch it refuses comes back,
     * unchanged and before anything newer, and the group's commit tells the next start what was taken.
     */
    @Test
    void aBatchHandlerGetsARefusedBatchAgain_andTheGroupCommitsWhatItTook() throws Exception {
        String topic = TestKafka.uniquePrefix() + "batched";
        KafkaTestClients.createTopics(BOOTSTRAP, 1, List.of(topic));
        send(topic, "a", "1");
        send(topic, "b", "2");
        Map<String, String> group = Map.of("group.id", topic + "-group");
        List<String> taken = new CopyOnWriteArrayList<>();
        List<Boolean> ends = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean diskFull = new java.util.concurrent.atomic.AtomicBoolean();
        TopicReplay.BatchHandler handler = new TopicReplay.BatchHandler() {
            private List<String> pending = List.of();

            @Override
            public boolean batch(List<ConsumerRecord<String, byte[]>> records, boolean endsHistory) {
                ends.add(endsHistory);
                pending = records.stream().map(ConsumerRecord::key).toList();
                return retry();
            }

            @Override
            public boolean retry() {
                if (diskFull.get()) {
                    refusals.incrementAndGet();
                    return false;
                }
                taken.addAll(pending);
                return true;
            }
        };
        try (TopicReplay replay = TopicReplay.batched("replay-it-4", KAFKA, group, List.of(topic), List.of(), handler).start()) {
            await(replay::caughtUp, "caught up");
            assertEquals(List.of("a", "b"), taken);
            assertEquals(1, ends.stream().filter(e -> e).count(), "one batch ends the history");

            diskFull.set(true);
            send(topic, "c", "3");
            long refusing = System.nanoTime();
            await(() -> refusals.get() >= 2, "the refused batch offered again");
            send(topic, "d", "4");
            // Longer than the 10 s of silence that mean "unreachable": a paused consumer fetches nothing.
            await(() -> System.nanoTime() - refusing > Duration.ofSeconds(11).toNanos(), "11 s of refusals");
            assertTrue(replay.brokerReachable(), "the broker still answers while the handler refuses");
            diskFull.set(false);
            await(() -> taken.size() == 4, "the refused batch and the next one taken");
            assertEquals(List.of("a", "b", "c", "d"), taken, "nothing newer overtakes a refused batch");
        }
        try (TopicReplay again = TopicReplay.batched("replay-it-5", KAFKA, group, List.of(topic), List.of(), TAKES_ALL).start()) {
            await(again::caughtUp, "caught up again");
            assertEquals(Map.of(new org.apache.kafka.common.TopicPartition(topic, 0), 4L), again.committedAtStart(),
                "the first run committed everything it took");
        }
    }

    /** A handler that gives up (the generator refusing a network at start) leaves nothing committed for the next start to skip. */
    @Test
    void aHandlerThatStopsTheReplayCommitsNothing() throws Exception {
        String topic = TestKafka.uniquePrefix() + "stopped";
        KafkaTestClients.createTopics(BOOTSTRAP, 1, List.of(topic));
        send(topic, "a", "1");
        Map<String, String> group = Map.of("group.id", topic + "-group");
        TopicReplay[] self = new TopicReplay[1];
        TopicReplay.BatchHandler givesUp = new TopicReplay.BatchHandler() {
            @Override
            public boolean batch(List<ConsumerRecord<String, byte[]>> records, boolean endsHistory) {
                self[0].stop();
                return true;
            }

            @Override
            public boolean retry() {
                return true;
            }
        };
        try (TopicReplay replay = TopicReplay.batched("replay-it-6", KAFKA, group, List.of(topic), List.of(), givesUp)) {
            self[0] = replay;
            replay.start();
            await(() -> !replay.alive(), "the replay ended");
        }
        try (TopicReplay again = TopicReplay.batched("replay-it-7", KAFKA, group, List.of(topic), List.of(), TAKES_ALL).start()) {
            await(again::caughtUp, "caught up");
            assertEquals(Map.of(), again.committedAtStart(), "nothing was committed by the replay that gave up");
        }
    }
}
