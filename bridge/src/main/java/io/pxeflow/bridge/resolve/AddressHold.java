package io.pxeflow.bridge.resolve;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * DHCP and PXE events name a client (its key {@code mac/<MAC>}, else {@code ip/<IP>}), not a
 * node, and the {@code addresses} index that maps clients to nodes is written by the controller
 * after it applies a put-node: it lags behind the admin's command, and a node added a moment ago
 * may boot before the bridge has heard of it. An event whose client the index does not know is
 * therefore held, per client and in arrival order, until the index knows the client (it goes to
 * the node) or its grace period is over (it is an unknown client, for discovery). Events behind a
 * held one wait behind it, so a client's events reach its node in the order they arrived.
 *
 * <p>Pure: the bridge keeps each client's queue (in memory and on disk) and sends the releases.
 *
 * @param <P> what the bridge keeps of an event (its record)
 */
public final class AddressHold<P> {
    private final Duration grace;
    private final int limit;

    /**
     * @param grace how long an unknown client's event waits for the index before it is discovered
     * @param limit the most events held for one client; beyond it the oldest is discovered at once,
     *              so a chatty unknown device cannot grow the hold without bound
     */
    public AddressHold(Duration grace, int limit) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.grace = grace;
        this.limit = limit;
    }

    /** One event of {@code client} waiting for its node to be known, held since {@code since}. */
    public record Held<P>(String client, Instant since, P payload) {
    }

    /** A released event: for {@code node}, or for discovery when {@code node} is null. */
    public record Release<P>(String node, Held<P> input) {
        public boolean discovered() {
            return node == null;
        }
    }

    /** What leaves the queue, in order, and what stays in it. */
    public record Outcome<P>(List<Release<P>> released, List<Held<P>> held) {
    }

    /** The client → node lookup; null when the index does not know the client. */
    @FunctionalInterface
    public interface Index {
        String node(String client);
    }

    /**
     * A new event for a client whose queue is {@code queue}: it is resolved at once when nothing is
     * held for the client and the index knows it, and otherwise queued behind what is held.
     */
    public Outcome<P> offer(List<Held<P>> queue, Held<P> input, Index index, Instant now, Instant graceFrom) {
        List<Held<P>> all = new ArrayList<>(queue.size() + 1);
        all.addAll(queue);
        all.add(input);
        return drain(all, index, now, graceFrom);
    }

    /**
     * Releases from the head of the queue every event the index now resolves or whose grace is
     * over, and stops at the first that must keep waiting: the order of a client's events is kept.
     * Graces count from {@code graceFrom} when that is later than the event's arrival: the moment
     * the index became complete (an index still replaying knows nothing yet); null means never yet.
     */
    public Outcome<P> drain(List<Held<P>> queue, Index index, Instant now, Instant graceFrom) {
        List<Release<P>> released = new ArrayList<>();
        int next = 0;
        while (next < queue.size()) {
            Held<P> h = queue.get(next);
            String node = index.node(h.client());
            if (node == null && !expired(h, now, graceFrom)) {
                break;
            }
            released.add(new Release<>(node, h));
            next++;
        }
        while (queue.size() - next > limit) {
            released.add(new Release<>(null, queue.get(next)));
            next++;
        }
        return new Outcome<>(released, List.copyOf(queue.subList(next, queue.size())));
    }

    private boolean expired(Held<P> h, Instant now, Instant graceFrom) {
        if (graceFrom == null) {
            return false;
        }
        Instant from = h.since().isAfter(graceFrom) ? h.since() : graceFrom;
        return !now.isBefore(from.plus(grace));
    }
}
