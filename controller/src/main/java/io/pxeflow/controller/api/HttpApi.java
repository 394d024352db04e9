package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.controller.power.PowerRequestPublisher;
import io.pxeflow.controller.power.PowerRequests;
import io.pxeflow.controller.runtime.CommandPublisher;
import io.pxeflow.controller.view.ClusterView;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Supplier;

/**
 * The controller's HTTP face: REST API, live event stream and iPXE endpoint, one routes class per
 * resource. Reads come from the in-memory {@link ClusterView}; writes become commands, published
 * on worker threads (Kafka calls block) and awaited on the view so the caller sees the applied
 * result. This class only assembles the router: body limit and authentication first, then the
 * resources, then the one error shape for every failure.
 */
public final class HttpApi {
    private final Vertx vertx;
    private final ClusterView view;
    private final CommandPublisher publisher;
    private final InventoryService inventory;
    private final BearerToken token;
    private final String imageBase;
    private final Supplier<ObjectNode> info;
    private PowerRequestPublisher powerPublisher;
    private PowerRequests powerRequests;

    public HttpApi(Vertx vertx, ClusterView view, CommandPublisher publisher, InventoryService inventory, String token,
                   String imageBase, Supplier<ObjectNode> info) {
        this.vertx = vertx;
        this.view = view;
        this.publisher = publisher;
        this.inventory = inventory;
        this.token = new BearerToken(token);
        this.imageBase = imageBase;
        this.info = info;
    }

    /** Serves the power routes too, publishing requests with {@code publisher}. */
    public HttpApi power(PowerRequestPublisher publisher, PowerRequests requests) {
        this.powerPublisher = publisher;
        this.powerRequests = requests;
        return this;
    }

    public void mount(Router r) {
        r.route("/api/*").handler(BodyHandler.create().setBodyLimit(16L << 20));
        // Every mutating call is authenticated before anything else looks at it.
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
            r.route(method, "/api/*").handler(c -> {
                token.require(c);
                c.next();
            });
        }
        r.get("/api/v1/info").handler(c -> ApiReplies.json(c, 200, info.get()));
        new NodeRoutes(view, new CommandCall(vertx, view, publisher, token)).mount(r);
        new InventoryRoutes(vertx, view, inventory, token).mount(r);
        new DiscoveredRoutes(view).mount(r);
        new EventRoutes(vertx, view).mount(r);
        new IpxeRoutes(vertx, view, publisher, imageBase).mount(r);
        if (powerPublisher != null) {
            new PowerRoutes(vertx, view, powerPublisher, powerRequests, token).mount(r);
        }
        r.route().failureHandler(ApiReplies::failure);
    }
}
