package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.controller.runtime.CommandPublisher;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.inventory.InventoryException;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootOverride;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import io.pxeflow.controller.domain.BootFileKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's HTTP face: REST API, live event stream, iPXE endpoint and probes. Reads come
 * from the in-memory {@link ClusterView}; writes become commands, published on worker threads
 * (Kafka calls block) and awaited on the view so the caller sees the applied result.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final ObjectMapper M = Json.mapper();
    private static final long DEFAULT_WAIT_SECONDS = 10;

    private final Vertx vertx;
    private final ClusterView view;
    private final CommandPublisher publisher;
    private final InventoryService inventory;
    private final String token;
    private final String imageBase;
    private final Supplier<ObjectNode> info;

    public HttpApi(Vertx vertx, ClusterView view, CommandPublisher publisher, InventoryService inventory, String token,
                   String imageBase, Supplier<ObjectNode> info) {
        this.vertx = vertx;
        this.view = view;
        this.publisher = publisher;
        this.inventory = inventory;
        this.token = token;
        this.imageBase = imageBase;
        this.info = info;
    }

    public void mount(Router r) {
        r.route("/api/*").handler(BodyHandler.create().setBodyLimit(16L << 20));
        // Every mutating call is authenticated before anything else looks at it.
        for (var method : List.of(io.vertx.core.http.HttpMethod.POST, io.vertx.core.http.HttpMethod.PUT,
                io.vertx.core.http.HttpMethod.DELETE)) {
            r.route(method, "/api/*").handler(c -> {
                requireToken(c);
                c.next();
            });
        }
        r.get("/api/v1/info").handler(c -> json(c, 200, info.get()));
        r.get("/api/v1/nodes").handler(this::listNodes);
        r.get("/api/v1/nodes/:name").handler(c -> json(c, 200, nodeJson(existing(c))));
        r.put("/api/v1/nodes/:name").handler(this::putNode);
        r.delete("/api/v1/nodes/:name").handler(c -> {
            NodeState s = existing(c);
            command(c, new Command.RemoveNode(s.name(), meta(c)), false);
        });
        r.get("/api/v1/nodes/:name/events").handler(c -> {
            NodeState s = existing(c);
            ObjectNode o = M.createObjectNode();
            o.set("events", M.valueToTree(view.events(s.name(), intParam(c, "limit", 50))));
            json(c, 200, o);
        });
        r.post("/api/v1/nodes/:name/reprovision").handler(c -> {
            NodeState s = existing(c);
            command(c, new Command.Reprovision(s.name(), meta(c), body(c).path("wipe").asBoolean(false)), false);
        });
        r.post("/api/v1/nodes/:name/set-stage").handler(c -> {
            NodeState s = existing(c);
            command(c, new Command.SetStage(s.name(), meta(c), stage(body(c).path("stage").asText(null))), false);
        });
        r.post("/api/v1/nodes/:name/set-class").handler(c -> {
            NodeState s = existing(c);
            command(c, new Command.SetClass(s.name(), meta(c), bootClass(body(c).path("class").asText(null))), false);
        });
        r.post("/api/v1/nodes/:name/wipe").handler(c -> command(c, new Command.Wipe(existing(c).name(), meta(c)), false));
        r.post("/api/v1/nodes/:name/install-complete").handler(c ->
            command(c, new Command.InstallComplete(existing(c).name(), meta(c)), false));
        r.get("/api/v1/inventory").handler(c -> c.response().putHeader("Content-Type", "text/plain; charset=utf-8")
            .end(inventory.export()));
        r.post("/api/v1/inventory").handler(this::importInventory);
        r.get("/api/v1/discovered").handler(c -> {
            ObjectNode o = M.createObjectNode();
            o.set("discovered", M.valueToTree(view.discovered().stream()
                .sorted(Comparator.comparing(d -> d.mac().value())).toList()));
            json(c, 200, o);
        });
        r.get("/api/v1/events").handler(c -> {
            ObjectNode o = M.createObjectNode();
            o.set("events", M.valueToTree(view.recentEvents(intParam(c, "limit", 100))));
            json(c, 200, o);
        });
        r.get("/api/v1/events/stream").handler(this::eventStream);
        r.get("/boot/ipxe").handler(this::ipxe);
        r.route().failureHandler(this::failure);
    }

    // --- handlers ---------------------------------------------------------------------------

    private void listNodes(RoutingContext c) {
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
            BootStage st = stage(stage);
            filter = filter.and(s -> s.stage() == st);
        }
        String cls = c.request().getParam("class");
        if (cls != null && !cls.isBlank()) {
            filter = filter.and(s -> s.spec().bootClass().name().equals(cls));
        }
        String name = c.request().getParam("name");
        if (name != null && !name.isBlank()) {
            Predicate<String> p = selection("name", name);
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
            .forEach(s -> arr.add(NodeJson.of(s, view.heartbeat(s.name()), now, brief)));
        ObjectNode o = M.createObjectNode();
        o.set("nodes", arr);
        json(c, 200, o);
    }

    private void putNode(RoutingContext c) {
        String name = c.pathParam("name");
        JsonNode b = body(c);
        NodeSpec spec;
        try {
            if (!b.has("index") || !b.get("index").canConvertToInt()) {
                throw new InvalidFieldException("index", "required, a number");
            }
            List<MacAddress> macs = new ArrayList<>();
            JsonNode macList = b.path("macs");
            for (int i = 0; i < macList.size(); i++) {
                try {
                    macs.add(MacAddress.of(macList.get(i).asText()));
                } catch (InvalidFieldException e) {
                    // Name the request's field, not the parser's: the caller sent "macs".
                    throw new InvalidFieldException("macs[" + i + "]", e.getMessage().substring(e.field().length() + 2));
                }
            }
            Ipv4Address ip = b.hasNonNull("ip") ? Ipv4Address.parse(b.get("ip").asText()) : null;
            String seqText = b.path("sequence").asText("pxe+local");
            BootSequence seq = BootSequence.fromCode(seqText);
            if (seq == BootSequence.UNKNOWN) {
                throw new InvalidFieldException("sequence", "must be pxe+local, pxe or local: " + seqText);
            }
            NodeState existing = view.node(name);
            ClassSpec cls = b.hasNonNull("class") ? bootClass(b.get("class").asText())
                : existing != null ? existing.spec().bootClass() : defaultClass();
            BootOverride override = existing != null ? existing.spec().override() : null;
            spec = new NodeSpec(b.get("index").asInt(), name, macs, ip, cls, override, seq);
        } catch (InvalidFieldException e) {
            throw ApiError.invalid(e.field(), e.getMessage());
        }
        BootStage stage = b.hasNonNull("stage") ? stage(b.get("stage").asText()) : null;
        checkConflicts(spec);
        command(c, new Command.PutNode(name, meta(c), spec, stage), view.node(name) == null);
    }

    private void checkConflicts(NodeSpec spec) {
        for (NodeState other : view.nodes()) {
            if (other.name().equals(spec.name())) {
                continue;
            }
            for (MacAddress m : spec.macs()) {
                if (other.spec().macs().contains(m)) {
                    throw ApiError.conflict("MAC " + m + " already belongs to " + other.name());
                }
            }
            if (spec.ip() != null && spec.ip().equals(other.spec().ip())) {
                throw ApiError.conflict("IP " + spec.ip() + " already belongs to " + other.name());
            }
            if (other.spec().index() == spec.index()) {
                throw ApiError.conflict("index " + spec.index() + " already belongs to " + other.name());
            }
        }
    }

    private void importInventory(RoutingContext c) {
        requireToken(c);
        boolean dryRun = Boolean.parseBoolean(c.request().getParam("dryRun", "false"));
        String file = c.request().getParam("file", "inventory");
        String text = c.body().asString(StandardCharsets.UTF_8.name());
        String who = who(c);
        blocking(() -> inventory.importFile(file, text == null ? "" : text, dryRun, who)).onComplete(ar -> {
            if (ar.failed()) {
                if (ar.cause() instanceof InventoryException ie) {
                    ObjectNode o = M.createObjectNode();
                    ObjectNode err = o.putObject("error");
                    err.put("code", "invalid");
                    err.put("message", "the file has " + ie.problems().size() + " problem(s); nothing was changed");
                    err.set("problems", M.valueToTree(ie.problems()));
                    json(c, 400, o);
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
                // Answer once the last command is applied, so `ctl import && ctl nodes` shows the result.
                String last = r.requestIds().get(r.requestIds().size() - 1);
                view.awaitRequest(last).completeOnTimeout(null, DEFAULT_WAIT_SECONDS * 3, TimeUnit.SECONDS)
                    .whenComplete((x, e) -> c.vertx().runOnContext(v -> json(c, 200, o)));
            } else {
                json(c, 200, o);
            }
        });
    }

    private void eventStream(RoutingContext c) {
        String sel = c.request().getParam("node");
        Predicate<String> filter = sel == null || sel.isBlank() ? n -> true : selection("node", sel);
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

    private void ipxe(RoutingContext c) {
        String macText = c.request().getParam("mac");
        MacAddress mac;
        try {
            mac = MacAddress.of(macText);
        } catch (InvalidFieldException e) {
            throw ApiError.invalid("mac", e.getMessage());
        }
        NodeState node = view.nodes().stream().filter(s -> s.spec().macs().contains(mac)).findFirst().orElse(null);
        String script;
        String answer;
        if (node == null) {
            script = IpxeScripts.unknown(mac);
            answer = "/boot/ipxe#unknown";
        } else {
            boolean netboot = IpxeScripts.netboots(node);
            script = IpxeScripts.forNode(node, imageBase);
            answer = netboot ? BootFileKind.IPXE_ANSWER_NETBOOT : BootFileKind.IPXE_ANSWER_LOCAL;
        }
        // The answer is the PXE event: record it before the node can act on it.
        PxeEvent served = new PxeEvent(PxeTransport.IPXE_ENDPOINT, PxeOutcome.SENT, mac, null, answer,
            (long) script.length(), "controller", Instant.now());
        blocking(() -> {
            publisher.pxeServed(served);
            return null;
        }).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("{}: iPXE answer not recorded, answering 503: {}", node == null ? mac : node.name(),
                    ar.cause().toString());
                error(c, 503, "unavailable", "cannot record the PXE answer: Kafka unreachable", null, null);
            } else {
                c.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(script);
            }
        });
    }

    // --- plumbing ---------------------------------------------------------------------------

    private void command(RoutingContext c, Command command, boolean created) {
        requireToken(c);
        long wait = intParam(c, "wait", (int) DEFAULT_WAIT_SECONDS);
        String rid = command.meta().requestId();
        var outcome = view.awaitRequest(rid);
        blocking(() -> {
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
                    json(c, 202, accepted);
                } else if (!o.applied()) {
                    error(c, 409, "conflict", o.reason(), null, null);
                } else {
                    NodeState s = view.node(command.node());
                    ObjectNode body = s != null ? nodeJson(s) : M.createObjectNode().put("name", command.node())
                        .put("removed", true);
                    body.put("requestId", rid);
                    json(c, created ? 201 : 200, body);
                }
            }));
        });
    }

    private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    private NodeState existing(RoutingContext c) {
        String name = c.pathParam("name");
        NodeState s = view.node(name);
        if (s == null) {
            String hint = Suggestions.closest(name, view.nodes().stream().map(NodeState::name).toList());
            throw ApiError.notFound("no node named " + name, hint);
        }
        return s;
    }

    private ObjectNode nodeJson(NodeState s) {
        ObjectNode o = NodeJson.of(s, view.heartbeat(s.name()), Instant.now());
        o.set("events", M.valueToTree(view.events(s.name(), 20)));
        return o;
    }

    /** A bad range is the caller's mistake (400), not the controller's. */
    private static Predicate<String> selection(String param, String text) {
        try {
            return NamePattern.compile(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(param, e.getMessage());
        }
    }

    private ClassSpec bootClass(String name) {
        if (name == null || name.isBlank()) {
            throw ApiError.invalid("class", "required");
        }
        ClassSpec c = view.inventory().classes().get(name);
        if (c == null) {
            if (ClassSpec.DEFAULT_NAME.equals(name)) {
                return defaultClass();
            }
            throw ApiError.invalid("class", "no class named " + name + " (known: "
                + String.join(", ", new java.util.TreeSet<>(view.inventory().classes().keySet())) + ")");
        }
        return c;
    }

    private ClassSpec defaultClass() {
        ClassSpec c = view.inventory().classes().get(ClassSpec.DEFAULT_NAME);
        return c != null ? c : ClassSpec.named(ClassSpec.DEFAULT_NAME);
    }

    private static BootStage stage(String code) {
        BootStage s = BootStage.fromCode(code);
        if (s == BootStage.UNKNOWN) {
            throw ApiError.invalid("stage", "must be pxe or local: " + code);
        }
        return s;
    }

    private static JsonNode body(RoutingContext c) {
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

    private void requireToken(RoutingContext c) {
        if (token == null) {
            return;
        }
        String auth = c.request().getHeader("Authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(401, "unauthorized", auth == null ? "this call needs Authorization: Bearer <token>"
                : "the token was refused", null, null);
        }
    }

    private static String who(RoutingContext c) {
        String ua = c.request().getHeader("User-Agent");
        return "api" + (ua != null && ua.startsWith("pxeflow-ctl") ? " (ctl)" : "");
    }

    private static Command.Meta meta(RoutingContext c) {
        return InventoryService.meta(who(c), Instant.now());
    }

    private static int intParam(RoutingContext c, String name, int dflt) {
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

    private void failure(RoutingContext c) {
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

    private static void error(RoutingContext c, int status, String code, String message, String field, String suggestion) {
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

    private static void json(RoutingContext c, int status, JsonNode body) {
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
}
