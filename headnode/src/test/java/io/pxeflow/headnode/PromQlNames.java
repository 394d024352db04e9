package io.pxeflow.headnode;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Not a full parser: it removes strings, label
 * matchers, ranges and grouping clauses, then keeps identifiers that are not functions, keywords
 * or Grafana variables. Good enough for dashboards, and strict: anything left over must be a
 * metric the scrape has.
 */
final class PromQlNames {
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
        "offset", "bool", "and", "or", "unless", "inf", "nan", "atan2");
    private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern GROUPING = Pattern.compile(
        "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENT = Pattern.compile("\\$?\\{?[A-Za-z_:][A-Za-z0-9_:]*\\}?(\\s*\\()?");

    private PromQlNames() {
    }

    static Set<String> of(String expr) {
        String s = STRINGS.matcher(expr).replaceAll(" ");
        s = s.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        s = GROUPING.matcher(s).replaceAll(" ");
        s = s.replaceAll("\\boffset\\s+\\S+", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            String tok = m.group();
            if (tok.startsWith("$") || m.group(1) != null) {
                continue;
            }
            if (m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1))) {
                // e.g. the "e" of 1e9 or the "m" of a duration
                continue;
            }
            if (!KEYWORDS.contains(tok.toLowerCase(java.util.Locale.ROOT))) {
                names.add(tok);
            }
        }
        return names;
    }
}
