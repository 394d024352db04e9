package io.pxeflow.controller.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps a request path back to the route template that serves it ({@code /api/v1/nodes/:name}),
 * so API metrics are labelled by a bounded set of routes, never by raw paths. A path no
 * template matches is {@code other}.
 */
public final class RouteTemplates {
    public static final String OTHER = "other";
    private final List<Entry> entries;

    private record Entry(String template, Pattern pattern) {
    }

    public RouteTemplates(List<String> templates) {
        List<Entry> e = new ArrayList<>();
        for (String t : templates) {
            if (t == null || t.contains("*") || e.stream().anyMatch(x -> x.template.equals(t))) {
                continue;
            }
            e.add(new Entry(t, compile(t)));
        }
        // Literal segments beat parameters: /api/v1/nodes/:name/events is tried before anything looser.
        e.sort((a, b) -> Long.compare(params(a.template), params(b.template)));
        this.entries = List.copyOf(e);
    }

    public String match(String path) {
        if (path != null) {
            for (Entry e : entries) {
                if (e.pattern.matcher(path).matches()) {
                    return e.template;
                }
            }
        }
        return OTHER;
    }

    private static long params(String template) {
        return template.chars().filter(c -> c == ':').count();
    }

    private static Pattern compile(String template) {
        List<String> parts = new ArrayList<>();
        for (String seg : template.split("/", -1)) {
            parts.add(seg.startsWith(":") ? "[^/]+" : seg.isEmpty() ? "" : Pattern.quote(seg));
        }
        return Pattern.compile(String.join("/", parts));
    }
}
