package io.pxeflow.reporter;

import java.util.ArrayDeque;

/**
 * The samples waiting for Kafka: at most {@code capacity}, oldest first. A new sample pushes out
 * the oldest one, so while the head node is away the reporter holds the latest few samples and
 * never grows. Synchronized only so that stats can be read from another thread.
 */
public final class LatestBuffer<T> {
    private final int capacity;
    private final ArrayDeque<T> items;
    private long dropped;

    public LatestBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    /** Adds the newest item; when full the oldest is dropped (and counted). */
    public synchronized void offerNewest(T item) {
        if (items.size() == capacity) {
            items.pollFirst();
            dropped++;
        }
        items.addLast(item);
    }

    /**
     * Puts back an item that failed to send, as the oldest. When full it is the one dropped:
     * everything already waiting is newer.
     */
    public synchronized boolean offerOldest(T item) {
        if (items.size() == capacity) {
            dropped++;
            return false;
        }
        items.addFirst(item);
        return true;
    }

    /** The oldest item, or null. */
    public synchronized T poll() {
        return items.pollFirst();
    }

    public synchronized int size() {
        return items.size();
    }

    public synchronized boolean isEmpty() {
        return items.isEmpty();
    }

    public int capacity() {
        return capacity;
    }

    /** How many items were dropped since the start. */
    public synchronized long dropped() {
        return dropped;
    }
}
