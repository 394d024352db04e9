package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.Command;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.function.Predicate;

/** Reading a request: its JSON body, parameters and who sent it. What cannot be read is a 400 naming the field. */
final class ApiRequests {
    private static final ObjectMapper M = Json.mapper();

    private ApiRequests() {
    }

    static JsonNode body(RoutingContext c) {
        if (c.body() == null || c.body().buffer() == null || c.body().length() == 0) {
            return M.createObjectNode();
        }
        try {
            JsonNode n = M.readTree(c.body().buffer().getBytes());
            if (n == null || !n.isObject()) {
                throw ApiError.invalid("body", "expected a JSON object");
            }
            return n;
        } catch (java.io.IOException e) {
            throw ApiError.invalid("body", "not valid JSON");
        }
    }

    static int intParam(RoutingContext c, String name, int dflt) {
        String v = c.request().getParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiError.invalid(name, "must be a number");
        }
    }

    static BootStage stage(String code) {
        BootStage s = BootStage.fromCode(code);
        if (s == BootStage.UNKNOWN) {
            throw ApiError.invalid("stage", "must be pxe or local: " + code);
        }
        return s;
    }

    /** A bad range is the caller's mistake (400), not the controller's. */
    static Predicate<String> selection(String param, String text) {
        try {
            return NamePattern.compile(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(param, e.getMessage());
        }
    }

    /** Who asked, as the node's events record it: the token's name (never its value), and ctl when it was ctl. */
    static String who(RoutingContext c) {
        String ua = c.request().getHeader("User-Agent");
        return "api " + ApiAuth.caller(c) + (ua != null && ua.startsWith("pxeflow-ctl") ? " (ctl)" : "");
    }

    static Command.Meta meta(RoutingContext c) {
        return InventoryService.meta(who(c), Instant.now());
    }
}
