package io.pxeflow.controller.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node-name selections as admins type them (pdsh/xCAT style): {@code node[10-20],node33},
 * {@code node[01-04]} (zero padding kept), globs like {@code rack1-*}.
 */
public final class NamePattern {
    private static final Pattern RANGE = Pattern.compile("^(.*)\\[(\\d+)-(\\d+)\\](.*)$");
    private static final int MAX_EXPANSION = 1_000_000;

    private NamePattern() {
    }

    /** A predicate matching every name the selection denotes. */
    public static Predicate<String> compile(String selection) {
        List<Predicate<String>> parts = new ArrayList<>();
        for (String part : split(selection)) {
            Matcher m = RANGE.matcher(part);
            if (m.matches()) {
                String prefix = m.group(1);
                String suffix = m.group(4);
                String lowText = m.group(2);
                long low = Long.parseLong(lowText);
                long high = Long.parseLong(m.group(3));
                if (high < low || high - low > MAX_EXPANSION) {
                    throw new IllegalArgumentException("bad range in " + part);
                }
                boolean padded = lowText.length() > 1 && lowText.startsWith("0");
                int width = lowText.length();
                parts.add(name -> {
                    if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length() <= prefix.length() + suffix.length()) {
                        return false;
                    }
                    String digits = name.substring(prefix.length(), name.length() - suffix.length());
                    if (!digits.matches("\\d{1,9}") || (padded && digits.length() != width)
                        || (!padded && digits.length() > 1 && digits.startsWith("0"))) {
                        return false;
                    }
                    long n = Long.parseLong(digits);
                    return n >= low && n <= high;
                });
            } else if (part.contains("*") || part.contains("?")) {
                Pattern glob = Pattern.compile(Pattern.quote(part).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
                parts.add(name -> glob.matcher(name).matches());
            } else {
                parts.add(part::equals);
            }
        }
        return name -> parts.stream().anyMatch(p -> p.test(name));
    }

    /** Splits on commas that are not inside brackets. */
    static List<String> split(String selection) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : selection.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                if (cur.length() > 0) {
                    out.add(cur.toString().trim());
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString().trim());
        }
        return out;
    }
}
