package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One API call per target node, continuing past per-node failures so that one typo in
 * {@code node[10-20],nod33} does not leave half the range untouched. An unreachable controller
 * or a refused token stops at once: every further node would fail the same way. The exit code is the first failure's.
 */
final class NodeAction {
    /** What one node's call returned: a node (200), a request id (202), or an error. */
    record Outcome(String name, ApiResponse response, CtlException error) {
        boolean ok() {
            return error == null;
        }
    }

    private NodeAction() {
    }

    static List<Outcome> apply(List<String> names, Function<String, ApiResponse> call) {
        List<Outcome> outcomes = new ArrayList<>();
        for (String name : names) {
            try {
                outcomes.add(new Outcome(name, call.apply(name), null));
            } catch (CtlException e) {
                if (e.stopsBatch()) {
                    throw e;
                }
                outcomes.add(new Outcome(name, null, e));
            }
        }
        return outcomes;
    }

    /**
     * Prints the outcomes: {@code -o json} as {@code {"nodes": [api bodies]}} (the list's shape),
     * otherwise one line per node; errors go to stderr. Returns the exit code.
     */
    static int report(Context ctx, OutputFormat format, List<Outcome> outcomes, Function<Outcome, String> line) {
        int exit = ExitCode.OK;
        ArrayNode bodies = JsonOut.array();
        for (Outcome o : outcomes) {
            if (!o.ok()) {
                ctx.err().println("ctl: " + o.name() + ": " + o.error().getMessage());
                exit = exit == ExitCode.OK ? o.error().exitCode() : exit;
            } else if (format == OutputFormat.json) {
                bodies.add(body(o));
            } else {
                ctx.out().println(line.apply(o));
            }
        }
        if (format == OutputFormat.json) {
            ObjectNode root = JsonOut.object();
            root.set("nodes", bodies);
            ctx.out().println(JsonOut.pretty(root));
        }
        return exit;
    }

    /** "node15: stage pxe (applied)"; a 202 says the controller has not applied it yet. */
    static String line(Outcome o, String what) {
        String verb = "applied";
        if (o.response().accepted()) {
            String id = JsonOut.text(body(o), "requestId");
            verb = "accepted, not yet applied" + (id == null ? "" : "; request " + id);
        }
        return o.name() + ": " + what + " (" + verb + ")";
    }

    /** The usual command: POST /api/v1/nodes/{name}/{action} for each target, one line each. */
    static int post(CtlCommand cmd, List<String> args, String action, JsonNode body, String what) {
        ApiClient api = cmd.api();
        List<String> names = Targets.resolve(args, api);
        List<Outcome> outcomes = apply(names,
            name -> api.post("/api/v1/nodes/" + ApiClient.segment(name) + "/" + action, body));
        return report(cmd.ctx(), cmd.format(), outcomes, o -> line(o, what));
    }

    static JsonNode body(Outcome o) {
        String text = o.response().body();
        return text == null || text.isBlank() ? JsonOut.object() : o.response().json();
    }
}
