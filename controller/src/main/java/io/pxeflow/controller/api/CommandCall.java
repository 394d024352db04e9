package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.controller.runtime.CommandPublisher;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.NodeState;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A mutating call: publish one command (on a worker thread), then wait on the view until the node
 * shows that request applied (200/201 with the node) or rejected (409); after {@code ?wait=}
 * seconds answer 202 with the request id.
 */
final class CommandCall {
    static final long DEFAULT_WAIT_SECONDS = 10;
    private static final ObjectMapper M = Json.mapper();

    private final Vertx vertx;
    private final ClusterView view;
    private final CommandPublisher publisher;
    CommandCall(Vertx vertx, ClusterView view, CommandPublisher publisher) {
        this.vertx = vertx;
        this.view = view;
        this.publisher = publisher;
    }

    void send(RoutingContext c, Command command, boolean created) {
        long wait = ApiRequests.intParam(c, "wait", (int) DEFAULT_WAIT_SECONDS);
        String rid = command.meta().requestId();
        var outcome = view.awaitRequest(rid);
        Blocking.run(vertx, () -> {
            publisher.send(List.of(command));
            return null;
        }).onComplete(ar -> {
            if (ar.failed()) {
                view.forget(rid);
                c.fail(ar.cause());
                return;
            }
            outcome.orTimeout(Math.max(0, wait), TimeUnit.SECONDS).whenComplete((o, e) -> c.vertx().runOnContext(v -> {
                if (e != null) {
                    view.forget(rid);
                    ObjectNode accepted = M.createObjectNode();
                    accepted.put("requestId", rid);
                    accepted.put("status", "accepted");
                    ApiReplies.json(c, 202, accepted);
                } else if (!o.applied()) {
                    ApiReplies.error(c, 409, "conflict", o.reason(), null, null);
                } else {
                    NodeState s = view.node(command.node());
                    ObjectNode body = s != null ? NodeJson.detail(s, view) : M.createObjectNode().put("name", command.node())
                        .put("removed", true);
                    body.put("requestId", rid);
                    ApiReplies.json(c, created ? 201 : 200, body);
                }
            }));
        });
    }
}
