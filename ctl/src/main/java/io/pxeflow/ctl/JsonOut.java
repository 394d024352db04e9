package io.pxeflow.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.protocol.codec.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * {@code -o json}: the API's JSON passed through, pretty-printed with keys sorted at every level,
 * so a script's diff of two runs shows only what changed, whatever order the server used.
 */
public final class JsonOut {
    private JsonOut() {
    }

    public static ObjectMapper mapper() {
        return Json.mapper();
    }

    public static JsonNode parse(String body) {
        try {
            return mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw CtlException.failure("the controller answered something that is not JSON: "
                + e.getOriginalMessage());
        }
    }

    public static String pretty(JsonNode node) {
        try {
            return mapper().writerWithDefaultPrettyPrinter().writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One compact line (watch's NDJSON). */
    public static String compact(JsonNode node) {
        try {
            return mapper().writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = mapper().createObjectNode();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = mapper().createArrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }

    /** A text field, or null when absent or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static double number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    public static long longOr(JsonNode node, String field, long fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isNumber() ? fallback : v.asLong();
    }

    public static List<JsonNode> array(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(out::add);
        }
        return out;
    }
}
