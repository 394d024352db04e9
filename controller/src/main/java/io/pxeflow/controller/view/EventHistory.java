package io.pxeflow.controller.view;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.LifecycleEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Recent lifecycle events, per node and cluster-wide, for the history endpoints, and the live
 * feed for {@code ctl watch}. Events are kept as their bytes and decoded on read: a restart
 * replays every event the cluster ever had (several per node) to keep the last few of each, and
 * decoding them all held the controller's readiness back; kept decoded, the 300,000 events of a
 * 100,000-node cluster took about twice the heap of their bytes.
 */
final class EventHistory {
    private static final int EVENTS_PER_NODE = 50;
    private static final int EVENTS_RECENT = 2000;

    private final Map<String, Deque<byte[]>> byNode = new ConcurrentHashMap<>();
    private final Deque<byte[]> recent = new ArrayDeque<>();
    private final List<Consumer<LifecycleEvent>> listeners = new CopyOnWriteArrayList<>();

    /** A replayed event: kept undecoded under its record key (its node, or the MAC of an unknown client). */
    void history(String key, byte[] value) {
        if (key != null && value != null) {
            keep(key, value);
        }
    }

    /** A live event: kept, and handed to the listeners. */
    void live(LifecycleEvent e, byte[] bytes) {
        String key = e.node() != null ? e.node() : e.mac() != null ? e.mac().value() : null;
        if (key != null) {
            keep(key, bytes);
        } else {
            keepRecent(bytes);
        }
        for (Consumer<LifecycleEvent> l : listeners) {
            l.accept(e);
        }
    }

    List<LifecycleEvent> events(String node, int limit) {
        Deque<byte[]> d = byNode.get(node);
        return d == null ? List.of() : last(d, limit);
    }

    List<LifecycleEvent> recent(int limit) {
        return last(recent, limit);
    }

    Runnable subscribe(Consumer<LifecycleEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private static List<LifecycleEvent> last(Deque<byte[]> events, int limit) {
        List<byte[]> all;
        synchronized (events) {
            all = new ArrayList<>(events);
        }
        List<LifecycleEvent> out = new ArrayList<>(Math.min(limit, all.size()));
        for (byte[] bytes : all.subList(Math.max(0, all.size() - limit), all.size())) {
            // Null only for bytes that are not an event: the controller wrote them, so never in practice.
            if (Codec.EVENT.decode(bytes) instanceof Decoded.Ok<LifecycleEvent> ok) {
                out.add(ok.value());
            }
        }
        return out;
    }

    private void keep(String key, byte[] e) {
        Deque<byte[]> d = byNode.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(e);
            while (d.size() > EVENTS_PER_NODE) {
                d.removeFirst();
            }
        }
        keepRecent(e);
    }

    private void keepRecent(byte[] e) {
        synchronized (recent) {
            recent.addLast(e);
            while (recent.size() > EVENTS_RECENT) {
                recent.removeFirst();
            }
        }
    }
}
