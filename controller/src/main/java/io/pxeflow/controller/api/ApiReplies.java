package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the API answers: pretty JSON bodies, and one error shape ({@code {"error": {code, message, ...}}}) for every failure. */
final class ApiReplies {
    private static final Logger LOG = LoggerFactory.getLogger(ApiReplies.class);
    private static final ObjectMapper M = Json.mapper();

    private ApiReplies() {
    }

    /** The router's failure handler: an {@link ApiError} or invalid field is the caller's, anything else is ours. */
    static void failure(RoutingContext c) {
        Throwable t = c.failure();
        if (t instanceof ApiError e) {
            error(c, e.status(), e.code(), e.getMessage(), e.field(), e.suggestion());
        } else if (t instanceof InvalidFieldException e) {
            error(c, 400, "invalid", e.getMessage(), e.field(), null);
        } else if (t != null) {
            LOG.warn("request {} {} failed", c.request().method(), c.request().path(), t);
            error(c, 503, "unavailable", "the controller could not complete the request: " + t.getMessage(), null, null);
        } else {
            error(c, c.statusCode() == 404 ? 404 : c.statusCode(), c.statusCode() == 404 ? "not_found" : "error",
                c.statusCode() == 404 ? "no such endpoint: " + c.request().path() : "request failed", null, null);
        }
    }

    static void error(RoutingContext c, int status, String code, String message, String field, String suggestion) {
        ObjectNode o = M.createObjectNode();
        ObjectNode err = o.putObject("error");
        err.put("code", code);
        err.put("message", suggestion == null ? message : message + " (did you mean " + suggestion + "?)");
        if (field != null) {
            err.put("field", field);
        }
        if (suggestion != null) {
            err.put("suggestion", suggestion);
        }
        json(c, status, o);
    }

    static void json(RoutingContext c, int status, JsonNode body) {
        if (c.response().ended()) {
            return;
        }
        try {
            c.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(M.writerWithDefaultPrettyPrinter().writeValueAsString(body));
        } catch (Exception e) {
            c.response().setStatusCode(500).end();
        }
    }

    static void text(RoutingContext c, String body) {
        c.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }
}
