package io.pxeflow.headnode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every PromQL expression in a Grafana dashboard: panel and row targets, annotations, and the
 * metric of each {@code label_values(metric, label)} / {@code query_result(...)} variable.
 */
final class DashboardQueries {
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,)]+)");
    private static final Pattern QUERY_RESULT = Pattern.compile("query_result\\((.*)\\)\\s*$");

    private DashboardQueries() {
    }

    static List<String> of(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        collectExpr(dashboard, out);
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (!"query".equals(v.path("type").asText())) {
                continue;
            }
            JsonNode q = v.path("query");
            String text = q.isObject() ? q.path("query").asText("") : q.asText("");
            Matcher lv = LABEL_VALUES.matcher(text);
            Matcher qr = QUERY_RESULT.matcher(text);
            if (lv.find()) {
                out.add(lv.group(1).trim());
            } else if (qr.find()) {
                out.add(qr.group(1));
            }
        }
        return out;
    }

    private static void collectExpr(JsonNode n, List<String> out) {
        if (n.isObject()) {
            JsonNode e = n.get("expr");
            if (e != null && e.isTextual() && !e.asText().isBlank()) {
                out.add(e.asText());
            }
            n.fields().forEachRemaining(f -> collectExpr(f.getValue(), out));
        } else if (n.isArray()) {
            n.forEach(c -> collectExpr(c, out));
        }
    }
}
