package io.pxeflow.generator.render;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A list of records as a shared template iterates it ({@code {{#nodes}}…{{/nodes}}}), written
 * from each record's cached text: the section's body is rendered only for records that have no
 * text for it yet (new or changed since), so writing dhcpd.conf again after one node changed
 * renders that node's lines and copies everyone else's.
 *
 * <p>What a record's text may depend on: the record, the network and the settings, and whether
 * it is the list's last (Kea's JSON commas: {@link Items#positional()}) — not the other records.
 * The built-in templates hold to that; an admin's template might not (JMustache's {@code -first}
 * and {@code -index} do not exist here, for one), so overridden shared templates get plain lists.
 */
final class CachedSection implements Mustache.InvertibleLambda {
    /** How a record appears in one kind of list: the item view(s) the section body is rendered with. */
    interface Items {
        List<Map<String, Object>> of(RecordEntry e, boolean last);

        /** Whether an item's view depends on its being the list's last. */
        default boolean positional() {
            return false;
        }
    }

    private final String id;
    private final Iterable<RecordEntry> entries;
    private final boolean empty;
    private final Items items;
    private final SectionKeys keys;

    /**
     * @param id      which list this is (the same body over another list has other parents in the context)
     * @param entries the records in the order the file lists them
     */
    CachedSection(String id, Iterable<RecordEntry> entries, boolean empty, Items items, SectionKeys keys) {
        this.id = id;
        this.entries = entries;
        this.empty = empty;
        this.items = items;
        this.keys = keys;
    }

    @Override
    public void execute(Template.Fragment body, Writer out) throws IOException {
        int section = keys.of(id, body.decompile());
        Iterator<RecordEntry> it = entries.iterator();
        while (it.hasNext()) {
            RecordEntry e = it.next();
            boolean last = items.positional() && !it.hasNext();
            int key = section * 2 + (last ? 1 : 0);
            String text = e.cached(key);
            if (text == null) {
                StringBuilder sb = new StringBuilder();
                for (Map<String, Object> item : items.of(e, last)) {
                    sb.append(body.execute(item));
                }
                text = sb.toString();
                e.cache(key, text);
            }
            out.write(text);
        }
    }

    /** {@code {{^nodes}}…{{/nodes}}}: the body once when the list is empty. */
    @Override
    public void executeInverse(Template.Fragment body, Writer out) {
        if (empty) {
            body.execute(out);
        }
    }

    /** Small numbers for (list, section body) pairs, so each record's cache is a few ints and strings. */
    static final class SectionKeys {
        private final Map<String, Integer> ids = new java.util.HashMap<>();

        int of(String list, String body) {
            return ids.computeIfAbsent(list + '\u0000' + body, k -> ids.size());
        }
    }
}
