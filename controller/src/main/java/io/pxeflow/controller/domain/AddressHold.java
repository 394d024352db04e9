package io.pxeflow.controller.domain;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * DHCP and PXE inputs name a client (a MAC, else an IP), not a node, and the {@link AddressIndex}
 * that maps clients to nodes is written by the node processors after they apply a put-node
 * command: it lags behind that command, and nothing orders the commands topic against the
 * DHCP/PXE topics. An input whose client the index does not know is therefore held, per client
 * and in arrival order, until the index knows the client (it goes to the node) or its grace period
 * is over (it is an unknown client, for discovery). Inputs behind a held one wait behind it, so a
 * client's inputs reach its node in the order they arrived.
 *
 * <p>Pure: the runtime keeps each client's queue in a changelogged store and forwards the releases.
 *
 * @param <P> what the runtime keeps of an input (its raw record)
 */
public final class AddressHold<P> {
    private final Duration grace;
    private final int limit;

    /**
     * @param grace how long an unknown client's input waits for the index before it is discovered
     * @param limit the most inputs held for one client; beyond it the oldest is discovered at once,
     *              so a chatty unknown device cannot grow the store without bound
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

    /** One input waiting for its client to be known, held since {@code since}. */
    public record Held<P>(MacAddress mac, Ipv4Address ip, Instant since, P payload) {
    }

    /** A released input: for {@code node}, or for discovery when {@code node} is null. */
    public record Release<P>(String node, Held<P> input) {
        public boolean discovered() {
            return node == null;
        }
    }

    /** What leaves the queue, in order, and what stays in it. */
    public record Outcome<P>(List<Release<P>> released, List<Held<P>> held) {
    }

    /** The MAC/IP → node lookup, MAC first. */
    @FunctionalInterface
    public interface Index {
        String node(MacAddress mac, Ipv4Address ip);
    }

    /** The key a client's queue is kept under: its MAC, else its IP; null when the input names neither. */
    public static String clientKey(MacAddress mac, Ipv4Address ip) {
        if (mac != null) {
            return AddressIndex.macKey(mac);
        }
        return ip == null ? null : AddressIndex.ipKey(ip);
    }

    /**
     * A new input for a client whose queue is {@code queue}: it is resolved at once when nothing is
     * held for the client and the index knows it, and otherwise queued behind what is held.
     */
    public Outcome<P> offer(List<Held<P>> queue, Held<P> input, Index index, Instant now) {
        List<Held<P>> all = new ArrayList<>(queue.size() + 1);
        all.addAll(queue);
        all.add(input);
        return drain(all, index, now);
    }

    /**
     * Releases from the head of the queue every input the index now resolves or whose grace is
     * over, and stops at the first that must keep waiting: the order of a client's inputs is kept.
     */
    public Outcome<P> drain(List<Held<P>> queue, Index index, Instant now) {
        List<Release<P>> released = new ArrayList<>();
        int next = 0;
        while (next < queue.size()) {
            Held<P> h = queue.get(next);
            String node = index.node(h.mac(), h.ip());
            if (node == null && now.isBefore(h.since().plus(grace))) {
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
}
