package io.pxeflow.power.domain;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The requests a power worker has accepted and not yet started, and the rules for starting them:
 * the {@link FanOut} limits, oldest first, and one operation per node at a time (a node's second
 * request waits for its first: "off" then "on" must not race). Pure and single-threaded: the
 * worker's poll thread owns it and says what time it is.
 *
 * @param <T> what the worker queues (a request and where it came from)
 */
public final class PowerQueue<T> {
    /** What to do next. */
    public sealed interface Next<T> {
        /** Start this one now; the queue counts it as running until {@link #finished}. */
        record Start<T>(String node, T item) implements Next<T> {
        }

        /** Nothing may start before {@code until} (the rate limit). */
        record WaitUntil<T>(Instant until) implements Next<T> {
        }

        /** Nothing can start now: the queue is empty, every slot is taken, or every queued node is busy. */
        record Idle<T>() implements Next<T> {
        }
    }

    private record Entry<T>(String node, T item) {
    }

    private final FanOut fanOut;
    private final Deque<Entry<T>> queued = new ArrayDeque<>();
    private final Set<String> busy = new HashSet<>();
    private Instant lastStart;

    public PowerQueue(FanOut fanOut) {
        this.fanOut = fanOut;
    }

    public void add(String node, T item) {
        queued.addLast(new Entry<>(node, item));
    }

    /** The next start the limits allow at {@code now}; call again after each Start until it says otherwise. */
    public Next<T> next(Instant now) {
        if (busy.size() >= fanOut.maxConcurrent()) {
            return new Next.Idle<>();
        }
        Iterator<Entry<T>> it = queued.iterator();
        while (it.hasNext()) {
            Entry<T> e = it.next();
            if (busy.contains(e.node())) {
                continue;
            }
            Instant allowed = fanOut.nextStart(lastStart, now);
            if (allowed.isAfter(now)) {
                return new Next.WaitUntil<>(allowed);
            }
            it.remove();
            busy.add(e.node());
            lastStart = now;
            return new Next.Start<>(e.node(), e.item());
        }
        return new Next.Idle<>();
    }

    /** The node's operation ended: its next request, and another node's, may start. */
    public void finished(String node) {
        busy.remove(node);
    }

    /** Takes out the queued (not started) items {@code which} accepts: a lost partition's, which its new owner will do. */
    public List<T> drop(Predicate<T> which) {
        List<T> out = new ArrayList<>();
        queued.removeIf(e -> {
            boolean drop = which.test(e.item());
            if (drop) {
                out.add(e.item());
            }
            return drop;
        });
        return out;
    }

    public int queued() {
        return queued.size();
    }

    public int running() {
        return busy.size();
    }
}
