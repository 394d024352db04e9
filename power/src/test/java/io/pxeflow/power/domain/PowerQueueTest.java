package io.pxeflow.power.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fan-out rules on a fake clock: concurrency bound, evenly spaced starts, one operation per node, oldest first. */
class PowerQueueTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private static PowerQueue<String> queue(int concurrent, double perSecond, String... nodes) {
        PowerQueue<String> q = new PowerQueue<>(new FanOut(concurrent, perSecond));
        for (String n : nodes) {
            q.add(n, n + "-req");
        }
        return q;
    }

    /** Starts everything allowed at {@code now}; the names started. */
    private static List<String> startAll(PowerQueue<String> q, Instant now) {
        List<String> started = new ArrayList<>();
        while (q.next(now) instanceof PowerQueue.Next.Start<String> s) {
            started.add(s.node());
        }
        return started;
    }

    @Test
    void neverMoreThanTheLimitRunAtOnce() {
        PowerQueue<String> q = queue(2, 0, "n1", "n2", "n3", "n4", "n5");
        assertEquals(List.of("n1", "n2"), startAll(q, T0));
        assertInstanceOf(PowerQueue.Next.Idle.class, q.next(T0), "every slot is taken");
        q.finished("n2");
        assertEquals(List.of("n3"), startAll(q, T0));
        q.finished("n1");
        q.finished("n3");
        assertEquals(List.of("n4", "n5"), startAll(q, T0));
        assertEquals(2, q.running());
        assertEquals(0, q.queued());
    }

    @Test
    void startsAreSpacedEvenlyAtTheRateWithNoBurstAfterAQuietSpell() {
        PowerQueue<String> q = queue(100, 4, "n1", "n2", "n3");
        assertEquals(List.of("n1"), startAll(q, T0));
        PowerQueue.Next<String> next = q.next(T0.plusMillis(100));
        assertEquals(new PowerQueue.Next.WaitUntil<String>(T0.plusMillis(250)), next);
        assertEquals(List.of("n2"), startAll(q, T0.plusMillis(250)));
        assertEquals(List.of(), startAll(q, T0.plusMillis(499)));
        assertEquals(List.of("n3"), startAll(q, T0.plusMillis(500)));
        // A long pause earns no credit: after it, starts are still 250 ms apart.
        q.add("n4", "x");
        q.add("n5", "x");
        Instant later = T0.plusSeconds(60);
        assertEquals(List.of("n4"), startAll(q, later));
        assertEquals(new PowerQueue.Next.WaitUntil<String>(later.plusMillis(250)), q.next(later));
    }

    @Test
    void aRackOfAHundredAtTwentyConcurrentAndTenPerSecondStartsOverTenSecondsNeverMoreThanTwentyAtOnce() {
        PowerQueue<String> q = new PowerQueue<>(new FanOut(20, 10));
        for (int i = 0; i < 100; i++) {
            q.add("r1n" + i, "cycle");
        }
        // Each operation takes 3 s, so the concurrency bound bites as well as the rate.
        Duration takes = Duration.ofSeconds(3);
        java.util.Map<String, Instant> running = new java.util.HashMap<>();
        List<Instant> starts = new ArrayList<>();
        int most = 0;
        Instant now = T0;
        while (starts.size() < 100) {
            Instant t = now;
            running.entrySet().removeIf(e -> {
                boolean done = !e.getValue().isAfter(t);
                if (done) {
                    q.finished(e.getKey());
                }
                return done;
            });
            PowerQueue.Next<String> next = q.next(now);
            if (next instanceof PowerQueue.Next.Start<String> s) {
                starts.add(now);
                running.put(s.node(), now.plus(takes));
                most = Math.max(most, running.size());
            } else {
                Instant firstEnd = running.values().stream().min(Instant::compareTo).orElseThrow();
                now = next instanceof PowerQueue.Next.WaitUntil<String> w && w.until().isBefore(firstEnd) ? w.until() : firstEnd;
            }
        }
        assertEquals(20, most, "the bound is reached and never passed");
        for (int i = 1; i < starts.size(); i++) {
            Duration gap = Duration.between(starts.get(i - 1), starts.get(i));
            if (gap.compareTo(Duration.ofMillis(100)) < 0) {
                throw new AssertionError("two starts " + gap + " apart at " + starts.get(i));
            }
        }
        // Five rounds of twenty, 100 ms apart within a round; a round's slots free 3 s after they were taken:
        // the last start is at 4 x 3 s + 19 x 100 ms (the rate alone would have allowed 9.9 s).
        assertEquals(Duration.ofMillis(13_900), Duration.between(starts.get(0), starts.get(99)));
    }

    @Test
    void aNodesSecondRequestWaitsForItsFirstWhileOtherNodesGoAhead() {
        PowerQueue<String> q = new PowerQueue<>(new FanOut(10, 0));
        q.add("n1", "off");
        q.add("n1", "on");
        q.add("n2", "cycle");
        List<String> items = new ArrayList<>();
        while (q.next(T0) instanceof PowerQueue.Next.Start<String> s) {
            items.add(s.node() + " " + s.item());
        }
        assertEquals(List.of("n1 off", "n2 cycle"), items);
        q.finished("n1");
        assertEquals(new PowerQueue.Next.Start<>("n1", "on"), q.next(T0));
    }

    @Test
    void aLostPartitionsQueuedRequestsAreDroppedNotStarted() {
        PowerQueue<String> q = queue(1, 0, "a", "b", "c");
        assertEquals(List.of("a"), startAll(q, T0));
        assertEquals(List.of("c-req"), q.drop(item -> item.startsWith("c")));
        q.finished("a");
        assertEquals(List.of("b"), startAll(q, T0));
        q.finished("b");
        assertInstanceOf(PowerQueue.Next.Idle.class, q.next(T0));
    }
}
