package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.protocol.codec.Json;
import io.vertx.ext.web.Router;
import java.util.Comparator;

/** {@code /api/v1/discovered}: clients that asked for an address or a boot file without belonging to a node, by MAC. */
final class DiscoveredRoutes {
    private static final ObjectMapper M = Json.mapper();

    private final ClusterView view;

    DiscoveredRoutes(ClusterView view) {
        this.view = view;
    }

    void mount(Router r) {
        r.get("/api/v1/discovered").handler(c -> {
            ObjectNode o = M.createObjectNode();
            o.set("discovered", M.valueToTree(view.discovered().stream()
                .sorted(Comparator.comparing(d -> d.mac().value())).toList()));
            ApiReplies.json(c, 200, o);
        });
    }
}
