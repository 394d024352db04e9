package io.pxeflow.ctl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Host lists as admins type them (Slurm/pdsh style): {@code node[10-20],node33},
 * {@code node[01-10]} (zero padding kept), {@code rack[1-2]-n[1,3]} (every combination).
 * Globs ({@code rack1-*}) are not expanded here: only the controller knows the names.
 */
public final class NodeRange {
    /** Stops a typo like {@code node[1-99999999]} from allocating the heap away. */
    static final int MAX_NAMES = 100_000;

    private NodeRange() {
    }

    /** True when the item needs the controller's names to resolve ({@code *} or {@code ?}). */
    public static boolean isGlob(String item) {
        return item.indexOf('*') >= 0 || item.indexOf('?') >= 0;
    }

    /** Splits on the commas that are outside brackets: {@code a[1,2],b} is two items. */
    public static List<String> items(String spec) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth < 0) {
                    throw new IllegalArgumentException("unbalanced ']' in '" + spec + "'");
                }
            } else if (c == ',' && depth == 0) {
                add(items, spec.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced '[' in '" + spec + "'");
        }
        add(items, spec.substring(start));
        return items;
    }

    /** Every name the spec denotes, in order, without duplicates. */
    public static List<String> expand(String spec) {
        Set<String> names = new LinkedHashSet<>();
        for (String item : items(spec)) {
            expandItem(item, names);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no node names in '" + spec + "'");
        }
        return List.copyOf(names);
    }

    private static void add(List<String> items, String item) {
        String trimmed = item.trim();
        if (!trimmed.isEmpty()) {
            items.add(trimmed);
        }
    }

    private static void expandItem(String item, Set<String> out) {
        List<String> partial = List.of("");
        int i = 0;
        while (i < item.length()) {
            int open = item.indexOf('[', i);
            if (open < 0) {
                partial = append(partial, List.of(item.substring(i)));
                break;
            }
            int close = item.indexOf(']', open);
            if (close < 0) {
                throw new IllegalArgumentException("unbalanced '[' in '" + item + "'");
            }
            partial = append(partial, List.of(item.substring(i, open)));
            partial = append(partial, bracket(item, item.substring(open + 1, close)));
            i = close + 1;
        }
        out.addAll(partial);
    }

    private static List<String> append(List<String> prefixes, List<String> suffixes) {
        if ((long) prefixes.size() * suffixes.size() > MAX_NAMES) {
            throw new IllegalArgumentException("a range may name at most " + MAX_NAMES + " nodes");
        }
        List<String> out = new ArrayList<>(prefixes.size() * suffixes.size());
        for (String p : prefixes) {
            for (String s : suffixes) {
                out.add(p + s);
            }
        }
        return out;
    }

    /** The inside of one bracket: {@code 1-3,7,09-11}. */
    private static List<String> bracket(String item, String body) {
        List<String> out = new ArrayList<>();
        for (String part : body.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            String lo = dash < 0 ? p : p.substring(0, dash);
            String hi = dash < 0 ? p : p.substring(dash + 1);
            if (!lo.matches("\\d{1,9}") || !hi.matches("\\d{1,9}")) {
                throw new IllegalArgumentException("bad range '[" + body + "]' in '" + item
                    + "': use numbers like node[01-10,12]");
            }
            int from = Integer.parseInt(lo);
            int to = Integer.parseInt(hi);
            if (to < from) {
                throw new IllegalArgumentException("range " + p + " in '" + item + "' runs backwards");
            }
            if (out.size() + (long) to - from + 1 > MAX_NAMES) {
                throw new IllegalArgumentException("a range may name at most " + MAX_NAMES + " nodes");
            }
            // A leading zero means "this many digits" (node[01-10] -> node01 .. node10).
            int width = lo.length() > 1 && lo.charAt(0) == '0' ? lo.length() : 0;
            for (int n = from; n <= to; n++) {
                out.add(width == 0 ? Integer.toString(n) : pad(n, width));
            }
        }
        return out;
    }

    private static String pad(int n, int width) {
        String s = Integer.toString(n);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
