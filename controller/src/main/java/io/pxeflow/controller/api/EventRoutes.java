package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.protocol.codec.Json;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Predicate;

/**
 * {@code /api/v1/events}: the recent lifecycle events, and the live stream of them ({@code ctl watch}) as
 * server-sent events. A slow reader loses events rather than growing the server's write queue.
 */
final class EventRoutes {
    private static final ObjectMapper M = Json.mapper();

    private final Vertx vertx;
    private final ClusterView view;

    EventRoutes(Vertx vertx, ClusterView view) {
        this.vertx = vertx;
        this.view = view;
    }

    void mount(Router r) {
        r.get("/api/v1/events").handler(c -> {
            ObjectNode o = M.createObjectNode();
            o.set("events", M.valueToTree(view.recentEvents(ApiRequests.intParam(c, "limit", 100))));
            ApiReplies.json(c, 200, o);
        });
        r.get("/api/v1/events/stream").handler(this::stream);
    }

    private void stream(RoutingContext c) {
        String sel = c.request().getParam("node");
        Predicate<String> filter = sel == null || sel.isBlank() ? n -> true : ApiRequests.selection("node", sel);
        HttpServerResponse resp = c.response();
        resp.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
        resp.write(": pxeflow lifecycle events\n\n");
        Context ctx = vertx.getOrCreateContext();
        Runnable unsubscribe = view.subscribe(e -> {
            String key = e.node() != null ? e.node() : String.valueOf(e.mac());
            if (!filter.test(key)) {
                return;
            }
            String data;
            try {
                data = M.writeValueAsString(e);
            } catch (Exception ex) {
                return;
            }
            ctx.runOnContext(v -> {
                if (!resp.closed() && !resp.writeQueueFull()) {
                    resp.write("event: lifecycle\ndata: " + data + "\n\n");
                }
            });
        });
        long ping = vertx.setPeriodic(15_000, id -> {
            if (!resp.closed()) {
                resp.write(": keep-alive\n\n");
            }
        });
        resp.closeHandler(v -> {
            unsubscribe.run();
            vertx.cancelTimer(ping);
        });
    }
}
