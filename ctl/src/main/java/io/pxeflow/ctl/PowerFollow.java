package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Power requests for a set of nodes, followed to their results: one POST per node (answered at
 * once with a request id), then the power workers' results as they come, from the live event
 * stream (kinds {@code power} and {@code power-failed}, matched by request id), else by polling
 * {@code /api/v1/power/requests/ID}. Each node ends done, failed, or still waiting when the
 * timeout passes (no power worker took it: none runs for that node's rack, or its BMCs are slow).
 */
final class PowerFollow {
    /** How a node's request ended; {@code result} is the worker's report (null after a timeout). */
    record Ended(String node, String requestId, JsonNode result) {
        boolean ok() {
            return result != null && "succeeded".equals(JsonOut.text(result, "outcome"));
        }

        String summary() {
            return result == null ? "no result" : JsonOut.text(result, "summary");
        }
    }

    /**
     * Hears each node's end (progress lines): in the order the nodes were given, each as soon as it
     * and every node before it ended, so a range prints in order however the BMCs answered.
     */
    interface Listener {
        void ended(Ended e);
    }

    private final ApiClient api;
    private final EventStream stream;
    private final Duration pollInterval;
    /** Events of other kinds read on the way, in order: the caller's, e.g. a reinstall's progress. */
    private final List<JsonNode> others = new ArrayList<>();

    PowerFollow(ApiClient api, EventStream stream, Duration pollInterval) {
        this.api = api;
        this.stream = stream;
        this.pollInterval = pollInterval;
    }

    /** POSTs {@code action} for each node without waiting; per-node failures (404, 409 no BMC) are outcomes, not exceptions. */
    static List<NodeAction.Outcome> send(ApiClient api, List<String> names, String action, boolean pxeOnce) {
        ObjectNode body = JsonOut.object().put("action", action).put("pxeOnce", pxeOnce);
        return NodeAction.apply(names, name -> api.post("/api/v1/nodes/" + ApiClient.segment(name) + "/power?wait=0", body));
    }

    /** Follows the requests ({@code node -> request id}) until each ended or {@code timeout} passed; results in the map's order. */
    List<Ended> follow(Map<String, String> requests, Duration timeout, Listener listener) throws InterruptedException {
        Map<String, String> nodeOf = new LinkedHashMap<>();
        requests.forEach((node, id) -> nodeOf.put(id, node));
        Map<String, Ended> ended = new LinkedHashMap<>();
        Listener ordered = inOrder(List.copyOf(requests.keySet()), ended, listener);
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextPoll = System.nanoTime() + (stream == null ? 0 : pollInterval.multipliedBy(5).toNanos());
        while (ended.size() < requests.size() && System.nanoTime() < deadline) {
            boolean streaming = stream != null && stream.isOpen();
            if (System.nanoTime() >= nextPoll) {
                for (Map.Entry<String, String> r : requests.entrySet()) {
                    if (!ended.containsKey(r.getKey())) {
                        result(r.getValue()).ifPresent(res -> end(ended, new Ended(r.getKey(), r.getValue(), res), ordered));
                    }
                }
                nextPoll = System.nanoTime() + (streaming ? pollInterval.multipliedBy(5) : pollInterval).toNanos();
            }
            if (!streaming) {
                Thread.sleep(Math.max(1, Math.min(250, (nextPoll - System.nanoTime()) / 1_000_000)));
                continue;
            }
            Optional<JsonNode> event = stream.next(250);
            if (event.isEmpty()) {
                continue;
            }
            String kind = JsonOut.text(event.get(), "kind");
            String node = nodeOf.get(String.valueOf(JsonOut.text(event.get(), "requestId")));
            if (node != null && ("power".equals(kind) || "power-failed".equals(kind))) {
                if (!ended.containsKey(node)) {
                    // The event carries the outcome; the API has the whole report.
                    JsonNode res = result(requests.get(node)).orElseGet(() -> fromEvent(event.get()));
                    end(ended, new Ended(node, requests.get(node), res), ordered);
                }
            } else {
                others.add(event.get());
            }
        }
        List<Ended> out = new ArrayList<>();
        requests.forEach((node, id) -> out.add(ended.getOrDefault(node, new Ended(node, id, null))));
        return out;
    }

    /** {@code -o json}: {@code {KEY: [{name, requestId, result}]}}, in the nodes' order. */
    static JsonNode json(String key, List<Ended> ended) {
        ObjectNode root = JsonOut.object();
        var list = root.putArray(key);
        for (Ended e : ended) {
            ObjectNode n = list.addObject();
            n.put("name", e.node());
            n.put("requestId", e.requestId());
            n.set("result", e.result() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : e.result());
        }
        return root;
    }

    /** Events of other kinds read while following. */
    List<JsonNode> others() {
        return others;
    }

    private static Listener inOrder(List<String> order, Map<String, Ended> ended, Listener listener) {
        int[] next = {0};
        return e -> {
            while (next[0] < order.size() && ended.containsKey(order.get(next[0]))) {
                listener.ended(ended.get(order.get(next[0]++)));
            }
        };
    }

    private static void end(Map<String, Ended> ended, Ended e, Listener listener) {
        ended.put(e.node(), e);
        listener.ended(e);
    }

    private Optional<JsonNode> result(String requestId) {
        try {
            return Optional.of(api.getJson("/api/v1/power/requests/" + ApiClient.segment(requestId)));
        } catch (CtlException e) {
            if (e.exitCode() == ExitCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A result as far as its event tells it, should the API have dropped it meanwhile. */
    private static JsonNode fromEvent(JsonNode event) {
        boolean ok = "power".equals(JsonOut.text(event, "kind"));
        ObjectNode o = JsonOut.object();
        o.put("outcome", ok ? "succeeded" : "failed");
        o.put("state", ok ? JsonOut.text(event, "to") : "unknown");
        o.put("summary", JsonOut.text(event, "detail"));
        return o;
    }
}
