package io.pxeflow.inventory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the second use of a MAC, address, name or index anywhere in a file; the problem names
 * both lines so the admin sees which two entries collide.
 */
final class UniqueKeys {
    private record Owner(String what, int line) {
    }

    private final String file;
    private final List<Problem> problems;
    private final Map<String, Map<Object, Owner>> seen = new HashMap<>();

    UniqueKeys(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Records {@code key} of {@code kind} for {@code what}; false (and a problem) when already taken. */
    boolean claim(String kind, Object key, String what, int line) {
        Owner earlier = seen.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(key, new Owner(what, line));
        if (earlier == null) {
            return true;
        }
        problems.add(new Problem(file, line, "duplicate " + kind + " " + key + ": " + what + " and " + earlier.what()
            + (earlier.line() > 0 ? " (line " + earlier.line() + ")" : "")));
        return false;
    }

    boolean taken(String kind, Object key) {
        return seen.getOrDefault(kind, Map.of()).containsKey(key);
    }
}
