package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.inventory.InventoryException;
import io.pxeflow.protocol.codec.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** {@code /api/v1/inventory}: export the cluster as a ClusterWare file; import one (or dry-run it) as one transaction. */
final class InventoryRoutes {
    private static final ObjectMapper M = Json.mapper();

    private final Vertx vertx;
    private final ClusterView view;
    private final InventoryService inventory;
    InventoryRoutes(Vertx vertx, ClusterView view, InventoryService inventory) {
        this.vertx = vertx;
        this.view = view;
        this.inventory = inventory;
    }

    void mount(Router r) {
        r.get("/api/v1/inventory").handler(c -> ApiReplies.text(c, inventory.export()));
        r.post("/api/v1/inventory").handler(this::importFile);
    }

    private void importFile(RoutingContext c) {
        boolean dryRun = Boolean.parseBoolean(c.request().getParam("dryRun", "false"));
        String file = c.request().getParam("file", "inventory");
        String text = c.body().asString(StandardCharsets.UTF_8.name());
        String who = ApiRequests.who(c);
        Blocking.run(vertx, () -> inventory.importFile(file, text == null ? "" : text, dryRun, who)).onComplete(ar -> {
            if (ar.failed()) {
                if (ar.cause() instanceof InventoryException ie) {
                    ObjectNode o = M.createObjectNode();
                    ObjectNode err = o.putObject("error");
                    err.put("code", "invalid");
                    err.put("message", "the file has " + ie.problems().size() + " problem(s); nothing was changed");
                    err.set("problems", M.valueToTree(ie.problems()));
                    ApiReplies.json(c, 400, o);
                } else {
                    c.fail(ar.cause());
                }
                return;
            }
            InventoryService.ImportResult r = ar.result();
            ObjectNode o = M.createObjectNode();
            o.put("applied", r.applied());
            o.put("empty", r.diff().isEmpty());
            o.put("diff", r.diff().render());
            o.set("added", M.valueToTree(r.diff().addedNames()));
            o.set("removed", M.valueToTree(r.diff().removedNames()));
            o.set("changed", M.valueToTree(r.diff().changedNames()));
            o.set("warnings", M.valueToTree(r.warnings()));
            if (r.applied() && !r.requestIds().isEmpty()) {
                // Answer once every command is applied, so `ctl import && ctl nodes` shows the whole
                // result: the nodes are on different partitions, so the last one says nothing of the rest.
                r.allApplied().completeOnTimeout(null, CommandCall.DEFAULT_WAIT_SECONDS * 3, TimeUnit.SECONDS)
                    .whenComplete((x, e) -> c.vertx().runOnContext(v -> {
                        r.requestIds().forEach(view::forget);
                        ApiReplies.json(c, 200, o);
                    }));
            } else {
                ApiReplies.json(c, 200, o);
            }
        });
    }
}
