package io.pxeflow.power.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request ids a worker did lately, so a request it reads twice (a replay after a restart, two
 * controllers sending the same boot-loop power-off) is done once. Bounded: the oldest ids go first.
 */
public final class RecentIds {
    private final Map<String, Boolean> ids;

    public RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is seen (and remembers it), false after. */
    public synchronized boolean firstTime(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }

    /** The id was taken but not done here after all (its partition moved before it started). */
    public synchronized void forget(String id) {
        ids.remove(id);
    }
}
