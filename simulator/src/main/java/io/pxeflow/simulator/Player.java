package io.pxeflow.simulator;

import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays every node's script on one thread, in time order. Steps are scheduled in milliseconds
 * from the start of the run; a step may schedule further steps. Recurring steps (the heartbeat
 * pump) do not count as pending script work, so {@link #scriptsDone()} says when the scenario
 * itself has been played out.
 */
final class Player implements AutoCloseable {
    private record Step(long at, long seq, Runnable action, boolean scripted) {
    }

    private final PriorityQueue<Step> queue = new PriorityQueue<>((a, b) -> a.at != b.at
        ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final AtomicInteger scripted = new AtomicInteger();
    private volatile long startNanos;
    private long seq;
    private long lastScripted;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private Thread thread;

    /** Milliseconds since the player started (0 before): steps scheduled earlier count from the start. */
    long now() {
        long start = startNanos;
        return start == 0 ? 0 : (System.nanoTime() - start) / 1_000_000;
    }

    synchronized void at(long atMillis, Runnable action) {
        scripted.incrementAndGet();
        lastScripted = Math.max(lastScripted, atMillis);
        queue.add(new Step(atMillis, seq++, action, true));
        notifyAll();
    }

    void after(long delayMillis, Runnable action) {
        at(now() + delayMillis, action);
    }

    /** Runs {@code action} every {@code periodMillis} until the player is closed. */
    synchronized void every(long periodMillis, Runnable action) {
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            action.run();
            synchronized (this) {
                queue.add(new Step(now() + periodMillis, seq++, self[0], false));
            }
        };
        queue.add(new Step(now(), seq++, self[0], false));
        notifyAll();
    }

    /** The latest moment any scripted step has been scheduled for so far. */
    synchronized long lastScripted() {
        return lastScripted;
    }

    boolean scriptsDone() {
        return scripted.get() == 0;
    }

    Throwable failure() {
        return failure;
    }

    Player start() {
        startNanos = System.nanoTime();
        thread = new Thread(this::loop, "simulator-player");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void loop() {
        try {
            while (running) {
                Step next;
                synchronized (this) {
                    next = queue.peek();
                    long wait = next == null ? 100 : next.at - now();
                    if (wait > 0) {
                        wait(Math.min(wait, 100));
                        continue;
                    }
                    queue.poll();
                }
                next.action.run();
                if (next.scripted) {
                    scripted.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
