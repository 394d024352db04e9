package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** {@code /api/v1/nodes}: list and read nodes from the view; add, change, remove and act on them through commands. */
final class NodeRoutes {
    private static final ObjectMapper M = Json.mapper();

    private final ClusterView view;
    private final CommandCall commands;
    private final NodeSpecBody specs;

    NodeRoutes(ClusterView view, CommandCall commands) {
        this.view = view;
        this.commands = commands;
        this.specs = new NodeSpecBody(view);
    }

    void mount(Router r) {
        r.get("/api/v1/nodes").handler(this::list);
        r.get("/api/v1/nodes/:name").handler(c -> ApiReplies.json(c, 200, NodeJson.detail(existing(c), view)));
        r.put("/api/v1/nodes/:name").handler(this::put);
        r.delete("/api/v1/nodes/:name").handler(c -> {
            NodeState s = existing(c);
            commands.send(c, new Command.RemoveNode(s.name(), ApiRequests.meta(c)), false);
        });
        r.get("/api/v1/nodes/:name/events").handler(c -> {
            NodeState s = existing(c);
            ObjectNode o = M.createObjectNode();
            o.set("events", M.valueToTree(view.events(s.name(), ApiRequests.intParam(c, "limit", 50))));
            ApiReplies.json(c, 200, o);
        });
        r.post("/api/v1/nodes/:name/reprovision").handler(c -> {
            NodeState s = existing(c);
            commands.send(c, new Command.Reprovision(s.name(), ApiRequests.meta(c),
                ApiRequests.body(c).path("wipe").asBoolean(false)), false);
        });
        r.post("/api/v1/nodes/:name/set-stage").handler(c -> {
            NodeState s = existing(c);
            commands.send(c, new Command.SetStage(s.name(), ApiRequests.meta(c),
                ApiRequests.stage(ApiRequests.body(c).path("stage").asText(null))), false);
        });
        r.post("/api/v1/nodes/:name/set-class").handler(c -> {
            NodeState s = existing(c);
            commands.send(c, new Command.SetClass(s.name(), ApiRequests.meta(c),
                specs.bootClass(ApiRequests.body(c).path("class").asText(null))), false);
        });
        r.post("/api/v1/nodes/:name/wipe").handler(c ->
            commands.send(c, new Command.Wipe(existing(c).name(), ApiRequests.meta(c)), false));
        r.post("/api/v1/nodes/:name/install-complete").handler(c ->
            commands.send(c, new Command.InstallComplete(existing(c).name(), ApiRequests.meta(c)), false));
    }

    private void list(RoutingContext c) {
        Predicate<NodeState> filter = s -> true;
        String status = c.request().getParam("status");
        if (status != null && !status.isBlank()) {
            Set<NodeStatus> wanted = Arrays.stream(status.split(",")).map(String::trim).map(code -> {
                NodeStatus st = NodeStatus.fromCode(code);
                if (st == NodeStatus.UNKNOWN) {
                    throw ApiError.invalid("status", "unknown status " + code);
                }
                return st;
            }).collect(Collectors.toSet());
            filter = filter.and(s -> wanted.contains(s.status()));
        }
        String stage = c.request().getParam("stage");
        if (stage != null && !stage.isBlank()) {
            BootStage st = ApiRequests.stage(stage);
            filter = filter.and(s -> s.stage() == st);
        }
        String cls = c.request().getParam("class");
        if (cls != null && !cls.isBlank()) {
            filter = filter.and(s -> s.spec().bootClass().name().equals(cls));
        }
        String name = c.request().getParam("name");
        if (name != null && !name.isBlank()) {
            Predicate<String> p = ApiRequests.selection("name", name);
            filter = filter.and(s -> p.test(s.name()));
        }
        String viewParam = c.request().getParam("view", "full");
        if (!"full".equals(viewParam) && !"brief".equals(viewParam)) {
            throw ApiError.invalid("view", "must be full or brief: " + viewParam);
        }
        boolean brief = "brief".equals(viewParam);
        Instant now = Instant.now();
        ArrayNode arr = M.createArrayNode();
        view.nodes().stream().filter(filter)
            .sorted(Comparator.comparingInt((NodeState s) -> s.spec().index()).thenComparing(NodeState::name))
            .forEach(s -> arr.add(PowerJson.addTo(NodeJson.of(s, view.heartbeat(s.name()), now, brief), s, view.power(),
                brief)));
        ObjectNode o = M.createObjectNode();
        o.set("nodes", arr);
        ApiReplies.json(c, 200, o);
    }

    private void put(RoutingContext c) {
        String name = c.pathParam("name");
        JsonNode b = ApiRequests.body(c);
        NodeSpec spec = specs.read(name, b);
        BootStage stage = b.hasNonNull("stage") ? ApiRequests.stage(b.get("stage").asText()) : null;
        specs.checkConflicts(spec);
        commands.send(c, new Command.PutNode(name, ApiRequests.meta(c), spec, stage), view.node(name) == null);
    }

    private NodeState existing(RoutingContext c) {
        return existing(view, c);
    }

    /** The node the path names, or a 404 suggesting the closest name. */
    static NodeState existing(ClusterView view, RoutingContext c) {
        String name = c.pathParam("name");
        NodeState s = view.node(name);
        if (s == null) {
            String hint = Suggestions.closest(name, view.nodes().stream().map(NodeState::name).toList());
            throw ApiError.notFound("no node named " + name, hint);
        }
        return s;
    }
}
