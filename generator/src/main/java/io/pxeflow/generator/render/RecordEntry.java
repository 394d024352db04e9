package io.pxeflow.generator.render;

import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.util.Arrays;
import java.util.Map;

/**
 * One accepted record as the shared files list it, with the text each of their sections last
 * rendered for it. A new record replaces the entry, so nothing cached for the old one survives;
 * the other records' text is reused as it is, which is what makes a change cost what it changes.
 */
final class RecordEntry {
    private static final int[] NO_KEYS = new int[0];
    private static final String[] NO_TEXTS = new String[0];

    private final ConfigRecord record;
    /** Section keys (see {@link CachedSection}) and their text; a handful per record, so arrays beat a map. */
    private int[] keys = NO_KEYS;
    private String[] texts = NO_TEXTS;
    private int size;
    /** The record's template view while one render of the shared files needs it; dropped after. */
    private Map<String, Object> view;

    RecordEntry(ConfigRecord record) {
        this.record = record;
    }

    ConfigRecord record() {
        return record;
    }

    NodeBootConfig node() {
        return (NodeBootConfig) record;
    }

    HostReservation host() {
        return (HostReservation) record;
    }

    boolean isNode() {
        return record instanceof NodeBootConfig;
    }

    String cached(int key) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                return texts[i];
            }
        }
        return null;
    }

    void cache(int key, String text) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                texts[i] = text;
                return;
            }
        }
        if (size == keys.length) {
            int n = Math.max(4, size * 2);
            keys = Arrays.copyOf(keys, n);
            texts = Arrays.copyOf(texts, n);
        }
        keys[size] = key;
        texts[size] = text;
        size++;
    }

    /** Forgets every cached text: the sections' meaning changed (another network, say). */
    void forget() {
        keys = NO_KEYS;
        texts = NO_TEXTS;
        size = 0;
        view = null;
    }

    Map<String, Object> view() {
        return view;
    }

    void view(Map<String, Object> v) {
        this.view = v;
    }
}
