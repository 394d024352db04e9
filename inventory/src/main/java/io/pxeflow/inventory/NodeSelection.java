package io.pxeflow.inventory;

import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** ClusterWare's node-number lists for per-node settings: {@code 15}, {@code 10-20}, {@code 1,3,5-7}. */
final class NodeSelection {
    private static final Pattern SYNTAX = Pattern.compile("[0-9]{1,9}(-[0-9]{1,9})?(,[0-9]{1,9}(-[0-9]{1,9})?)*");
    /** A bound on one list so that a typo like {@code 0-999999999} cannot exhaust memory. */
    private static final int MAX_NODES = 1_000_000;

    private NodeSelection() {
    }

    static boolean looksLikeSelection(String word) {
        return SYNTAX.matcher(word).matches();
    }

    /** The indexes a selection names; throws IllegalArgumentException for a backwards or huge range. */
    static SortedSet<Integer> parse(String word) {
        if (!looksLikeSelection(word)) {
            throw new IllegalArgumentException("not a node number list (like 15, 10-20 or 1,3,5-7): " + word);
        }
        SortedSet<Integer> out = new TreeSet<>();
        for (String part : word.split(",")) {
            String[] ends = part.split("-");
            int first = Integer.parseInt(ends[0]);
            int last = ends.length == 2 ? Integer.parseInt(ends[1]) : first;
            if (first > last) {
                throw new IllegalArgumentException("node range " + part + " runs backwards");
            }
            if (last - first >= MAX_NODES || out.size() + (last - first) >= MAX_NODES) {
                throw new IllegalArgumentException("node list " + word + " names more than " + MAX_NODES + " nodes");
            }
            for (int i = first; i <= last; i++) {
                out.add(i);
            }
        }
        return out;
    }
}
