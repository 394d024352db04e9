package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.controller.power.PowerRequestPublisher;
import io.pxeflow.controller.power.PowerRequests;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerRequest;
import io.pxeflow.protocol.message.PowerResult;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/v1/nodes/NAME/power} publishes a power request for the node's BMC and answers
 * with its result once a power worker reported it (200, or 502 when the BMC failed), or after
 * {@code ?wait=} seconds with the request id to follow (202); {@code GET} reads the node's power
 * as last reported; {@code GET /api/v1/power/requests/ID} one recent result.
 */
final class PowerRoutes {
    static final int DEFAULT_WAIT_SECONDS = 10;
    private static final ObjectMapper M = Json.mapper();

    private final Vertx vertx;
    private final ClusterView view;
    private final PowerRequestPublisher publisher;
    private final PowerRequests requests;

    /** Mounted behind {@link ApiAuth}: reads take any token, a power request an admin token. */
    PowerRoutes(Vertx vertx, ClusterView view, PowerRequestPublisher publisher, PowerRequests requests) {
        this.vertx = vertx;
        this.view = view;
        this.publisher = publisher;
        this.requests = requests;
    }

    void mount(Router r) {
        r.post("/api/v1/nodes/:name/power").handler(this::request);
        r.get("/api/v1/nodes/:name/power").handler(c -> {
            NodeState s = NodeRoutes.existing(view, c);
            ObjectNode o = PowerJson.of(s, view.power().node(s.name()));
            o.put("node", s.name());
            ApiReplies.json(c, 200, o);
        });
        r.get("/api/v1/power/requests/:id").handler(c -> {
            PowerResult result = view.power().request(c.pathParam("id"));
            if (result == null) {
                throw ApiError.notFound("no result for power request " + c.pathParam("id") + " (yet)", null);
            }
            ApiReplies.json(c, 200, PowerJson.result(result));
        });
    }

    private void request(RoutingContext c) {
        NodeState s = NodeRoutes.existing(view, c);
        JsonNode body = ApiRequests.body(c);
        PowerAction action = PowerAction.fromCode(body.path("action").asText(null));
        if (action == PowerAction.UNKNOWN) {
            throw ApiError.invalid("action", "must be status, on, off, cycle or reset: " + body.path("action").asText(""));
        }
        boolean pxeOnce = body.path("pxeOnce").asBoolean(false);
        int wait = Math.max(0, Math.min(300, ApiRequests.intParam(c, "wait", DEFAULT_WAIT_SECONDS)));
        PowerRequest request;
        try {
            request = requests.of(s, action, pxeOnce, ApiRequests.who(c), Instant.now());
        } catch (InvalidFieldException e) {
            throw ApiError.invalid(e.field(), e.getMessage());
        }
        if (request == null) {
            throw ApiError.conflict(s.name() + " has no BMC: give it one (bmc=ADDRESS on its node line, then ctl import)");
        }
        String id = request.requestId();
        CompletableFuture<PowerResult> done = new CompletableFuture<>();
        Runnable unsubscribe = view.subscribe(e -> {
            if (id.equals(e.requestId()) && (e.kind() == LifecycleKind.POWER || e.kind() == LifecycleKind.POWER_FAILED)) {
                done.complete(view.power().request(id));
            }
        });
        Blocking.run(vertx, () -> {
            publisher.publish(request);
            return null;
        }).onComplete(ar -> {
            if (ar.failed()) {
                unsubscribe.run();
                c.fail(ar.cause());
                return;
            }
            done.orTimeout(wait, TimeUnit.SECONDS).whenComplete((result, e) -> c.vertx().runOnContext(v -> {
                unsubscribe.run();
                if (e != null || result == null) {
                    ObjectNode accepted = M.createObjectNode();
                    accepted.put("requestId", id);
                    accepted.put("status", "accepted");
                    accepted.put("node", s.name());
                    accepted.put("action", action.code());
                    accepted.put("pxeOnce", pxeOnce);
                    accepted.put("expires", request.expires().toString());
                    ApiReplies.json(c, 202, accepted);
                } else if (result.succeeded()) {
                    ApiReplies.json(c, 200, PowerJson.result(result));
                } else {
                    ObjectNode failed = M.createObjectNode();
                    ObjectNode err = failed.putObject("error");
                    err.put("code", "power_failed");
                    err.put("message", s.name() + ": " + result.summary());
                    failed.set("result", PowerJson.result(result));
                    ApiReplies.json(c, 502, failed);
                }
            }));
        });
    }
}
