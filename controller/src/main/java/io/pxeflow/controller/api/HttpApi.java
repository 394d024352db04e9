package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.controller.power.PowerRequestPublisher;
import io.pxeflow.controller.power.PowerRequests;
import io.pxeflow.controller.runtime.CommandPublisher;
import io.pxeflow.controller.view.ClusterView;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;

/**
 * The controller's HTTP face: REST API and live event stream on the admin listener, the iPXE
 * endpoint on the node listener, one routes class per resource. Reads come from the in-memory {@link ClusterView}; writes become commands, published
 * on worker threads (Kafka calls block) and awaited on the view so the caller sees the applied
 * result. This class only assembles the router: body limit and authentication first, then the
 * resources, then the one error shape for every failure.
 */
public final class HttpApi {
    private final Vertx vertx;
    private final ClusterView view;
    private final CommandPublisher publisher;
    private final InventoryService inventory;
    private final ApiAuth auth;
    private final String imageBase;
    private final Supplier<ObjectNode> info;
    private PowerRequestPublisher powerPublisher;
    private PowerRequests powerRequests;

    public HttpApi(Vertx vertx, ClusterView view, CommandPublisher publisher, InventoryService inventory, ApiAuth auth,
                   String imageBase, Supplier<ObjectNode> info) {
        this.vertx = vertx;
        this.view = view;
        this.publisher = publisher;
        this.inventory = inventory;
        this.auth = auth;
        this.imageBase = imageBase;
        this.info = info;
    }

    /** Serves the power routes too, publishing requests with {@code publisher}. */
    public HttpApi power(PowerRequestPublisher publisher, PowerRequests requests) {
        this.powerPublisher = publisher;
        this.powerRequests = requests;
        return this;
    }

    /** The admin API: every call, read or write, is authenticated before anything else looks at it. */
    public void mount(Router r) {
        r.route("/api/*").handler(auth);
        r.route("/api/*").handler(BodyHandler.create().setBodyLimit(16L << 20));
        r.get("/api/v1/info").handler(c -> ApiReplies.json(c, 200, info.get()));
        new NodeRoutes(view, new CommandCall(vertx, view, publisher)).mount(r);
        new InventoryRoutes(vertx, view, inventory).mount(r);
        new DiscoveredRoutes(view).mount(r);
        new EventRoutes(vertx, view).mount(r);
        if (powerPublisher != null) {
            new PowerRoutes(vertx, view, powerPublisher, powerRequests).mount(r);
        }
        r.route().failureHandler(ApiReplies::failure);
    }

    /**
     * The node-facing listener: the iPXE endpoint and nothing else, on its own address and port,
     * so serving nodes never puts the admin API on the cluster network. Any other path is 404.
     */
    public void mountBoot(Router r) {
        new IpxeRoutes(vertx, view, publisher, imageBase).mount(r);
        r.route().failureHandler(ApiReplies::failure);
    }
}
