package io.pxeflow.bridge.resolve;

import io.pxeflow.bridge.spool.HeldSpool;
import io.pxeflow.bridge.spool.OutboundSpool;
import io.pxeflow.bridge.spool.SpoolRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys the bridge's DHCP and PXE records by node before they are produced, so that each node's
 * events land in its own partition beside its heartbeats and commands. A record comes in keyed by
 * its client ({@code mac/<MAC>} or {@code ip/<IP>}, {@link io.pxeflow.protocol.TopicKeys#client});
 * it goes out keyed by the node the {@link AddressBook} names, or, once its grace is over with no
 * node owning the client, still keyed by the client, which the controller files as discovered.
 * Until then it is held ({@link AddressHold}), on disk, so a restart loses none.
 */
public final class NodeKeyer {
    private static final Logger LOG = LoggerFactory.getLogger(NodeKeyer.class);
    /** The most events held for one client; a DHCP client retries every few seconds. */
    static final int HELD_PER_CLIENT = 100;

    private record Kept(long seq, SpoolRecord record) {
    }

    private final AddressBook book;
    private final AddressHold<Kept> hold;
    private final HeldSpool disk;
    private final Clock clock;
    private final Map<String, List<AddressHold.Held<Kept>>> queues = new LinkedHashMap<>();
    /** When the address book became complete: graces count from there. */
    private Instant completeSince;
    private int held;

    public NodeKeyer(AddressBook book, Duration grace, HeldSpool disk, Clock clock) {
        this.book = book;
        this.hold = new AddressHold<>(grace, HELD_PER_CLIENT);
        this.disk = disk;
        this.clock = clock;
        Instant now = clock.instant();
        noteComplete(now);
        List<OutboundSpool.Entry> left = disk.load();
        for (OutboundSpool.Entry e : left) {
            String client = e.record().key();
            queues.computeIfAbsent(client, c -> new ArrayList<>()).add(new AddressHold.Held<>(client, now,
                new Kept(e.seq(), e.record())));
            held++;
        }
        if (!left.isEmpty()) {
            LOG.info("{} events from a previous run still wait for their client's node", left.size());
        }
    }

    /** Events held for a node the bridge has not heard of yet. */
    public int held() {
        return held;
    }

    /**
     * Records keyed by client in, records keyed for Kafka out, in order; what must wait is held.
     */
    public List<SpoolRecord> key(List<SpoolRecord> records) {
        Instant now = clock.instant();
        boolean complete = noteComplete(now);
        List<SpoolRecord> out = new ArrayList<>(records.size());
        for (SpoolRecord r : records) {
            String client = r.key();
            List<AddressHold.Held<Kept>> queue = queues.getOrDefault(client, List.of());
            String node = complete && queue.isEmpty() ? book.node(client) : null;
            if (node != null) {
                out.add(new SpoolRecord(r.topic(), node, r.value()));
                continue;
            }
            AddressHold.Held<Kept> h = new AddressHold.Held<>(client, now, new Kept(disk.add(r), r));
            held++;
            apply(client, queue, hold.offer(queue, h, index(complete), now, completeSince), out);
        }
        return out;
    }

    /** Held records whose node the book now knows, or whose grace is over, keyed for Kafka, in order per client. */
    public List<SpoolRecord> drain() {
        if (queues.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        boolean complete = noteComplete(now);
        List<SpoolRecord> out = new ArrayList<>();
        for (var e : new ArrayList<>(queues.entrySet())) {
            apply(e.getKey(), e.getValue(), hold.drain(e.getValue(), index(complete), now, completeSince), out);
        }
        return out;
    }

    private AddressHold.Index index(boolean complete) {
        // A book still replaying may hold an owner a later record of the topic takes away: ask it only once complete.
        return complete ? book::node : client -> null;
    }

    private boolean noteComplete(Instant now) {
        if (completeSince == null && book.complete()) {
            completeSince = now;
        }
        return completeSince != null;
    }

    private void apply(String client, List<AddressHold.Held<Kept>> before, AddressHold.Outcome<Kept> outcome,
                       List<SpoolRecord> out) {
        for (AddressHold.Release<Kept> r : outcome.released()) {
            Kept k = r.input().payload();
            disk.remove(k.seq());
            held--;
            SpoolRecord rec = k.record();
            out.add(r.discovered() ? rec : new SpoolRecord(rec.topic(), r.node(), rec.value()));
        }
        if (outcome.held().isEmpty()) {
            queues.remove(client);
        } else if (outcome.held() != before) {
            queues.put(client, outcome.held());
        }
    }
}
