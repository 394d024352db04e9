package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctl reprovision node15}: stage back to pxe, so the next PXE boot installs again.
 * {@code --wait} follows each node through netbooting, booting, up; it fails (exit 1) on a
 * boot loop or when {@code --timeout} passes.
 */
@Command(name = "reprovision", description = "Set stage pxe so the next boot reinstalls; --wait follows it.")
final class ReprovisionCommand extends CtlCommand {
    @Parameters(arity = "1..*", paramLabel = "NODES", description = "node15, node[10-20],node33, rack1-*")
    List<String> nodes;

    @Option(names = "--wipe", description = "Also wipe the local disk at install.")
    boolean wipe;

    @Option(names = {"-w", "--wait"}, description = "Follow the node(s) until up again (or boot-loop, or timeout).")
    boolean waitForUp;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
        description = "How long --wait waits: 90s, 10m, 1h (default ${DEFAULT-VALUE}).")
    Duration timeout;

    private static final Duration SETTLE = Duration.ofSeconds(5);
    /** How often --wait asks each node's state when the event stream is gone (and as a safety net). */
    @Option(names = "--poll-interval", hidden = true, defaultValue = "2s", converter = DurationConverter.class)
    Duration pollInterval;

    @Override
    protected int run() {
        ApiClient api = api();
        List<String> names = Targets.resolve(nodes, api);
        ObjectNode body = JsonOut.object().put("wipe", wipe);
        String what = "stage pxe" + (wipe ? ", disk wipe at install" : "");
        // The stream opens before the first POST: events that follow it cannot be missed.
        EventStream stream = waitForUp ? openStream(api) : null;
        try {
            List<NodeAction.Outcome> outcomes = NodeAction.apply(names,
                name -> api.post("/api/v1/nodes/" + ApiClient.segment(name) + "/reprovision", body));
            if (!waitForUp) {
                return NodeAction.report(ctx(), format(), outcomes, o -> NodeAction.line(o, what));
            }
            int exit = NodeAction.report(ctx(), format() == OutputFormat.json ? OutputFormat.table : format(),
                silentForJson(outcomes), o -> NodeAction.line(o, what));
            // The wait can last the whole timeout: what was applied shows now, not at exit.
            out().flush();
            int waited = follow(api, stream, outcomes);
            return exit != ExitCode.OK ? exit : waited;
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
    }

    /** With -o json the progress lines are left out: stdout carries only the final JSON. */
    private List<NodeAction.Outcome> silentForJson(List<NodeAction.Outcome> outcomes) {
        return format() == OutputFormat.json ? outcomes.stream().filter(o -> !o.ok()).toList() : outcomes;
    }

    private EventStream openStream(ApiClient api) {
        try {
            return EventStream.open(api, String.join(",", nodes));
        } catch (CtlException e) {
            if (e.exitCode() == ExitCode.UNREACHABLE) {
                throw e;
            }
            ctx().err().println("ctl: no live event stream (" + e.getMessage() + "); polling instead");
            return null;
        }
    }

    private int follow(ApiClient api, EventStream stream, List<NodeAction.Outcome> outcomes) {
        Map<String, NodeProgress> progress = new LinkedHashMap<>();
        for (NodeAction.Outcome o : outcomes) {
            if (o.ok()) {
                // A 202 body has no node yet: ask for it, the boot id is what later proves a reboot.
                JsonNode node = o.response().accepted() ? nodeNow(api, o.name()) : NodeAction.body(o);
                progress.put(o.name(), new NodeProgress(o.name(), node));
            }
        }
        if (progress.isEmpty()) {
            return ExitCode.FAILURE;
        }
        List<NodeProgress> all = new ArrayList<>(progress.values());
        boolean json = format() == OutputFormat.json;
        ProgressDisplay display = new ProgressDisplay(out(), ctx().terminal() && !json);
        if (!json) {
            display.started(all, timeout);
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextPoll = start + (stream == null ? 0 : pollInterval.multipliedBy(5).toNanos());
        try {
            while (!finished(all)) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    return timedOut(all, api);
                }
                boolean streaming = stream != null && stream.isOpen();
                if (now >= nextPoll) {
                    for (NodeProgress p : all) {
                        if (p.outcome() == NodeProgress.Outcome.WAITING && p.onPoll(nodeNow(api, p.name)) && !json) {
                            display.changed(p, since(start));
                        }
                    }
                    // While the stream works polling is only a safety net; without it, the only source.
                    nextPoll = now + (streaming ? pollInterval.multipliedBy(5) : pollInterval).toNanos();
                }
                Optional<JsonNode> event = streaming ? stream.next(Math.min(250, millisUntil(nextPoll)))
                    : Optional.empty();
                if (!streaming) {
                    Thread.sleep(Math.max(1, Math.min(250, millisUntil(nextPoll))));
                }
                if (event.isPresent()) {
                    NodeProgress p = progress.get(JsonOut.text(event.get(), "node"));
                    if (p != null && p.onEvent(event.get()) && !json) {
                        display.changed(p, since(start));
                    }
                }
                if (!json) {
                    display.tick(all, since(start));
                }
                display.redraw(all, since(start));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILURE;
        }
        display.redraw(all, since(start));
        return summary(all, api);
    }

    private static boolean finished(List<NodeProgress> all) {
        return all.stream().allMatch(p -> p.outcome() != NodeProgress.Outcome.WAITING);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static long millisUntil(long nanoTime) {
        return Math.max(1, (nanoTime - System.nanoTime()) / 1_000_000);
    }

    private JsonNode nodeNow(ApiClient api, String name) {
        return api.getJson("/api/v1/nodes/" + ApiClient.segment(name));
    }

    private int summary(List<NodeProgress> all, ApiClient api) {
        List<String> looping = all.stream().filter(p -> p.outcome() == NodeProgress.Outcome.BOOT_LOOP)
            .map(p -> p.name).toList();
        printFinalJson(all, api);
        if (!looping.isEmpty()) {
            ctx().err().println("ctl: boot loop: " + String.join(", ", looping)
                + " PXE-booted again and again without coming up; see `ctl events " + looping.get(0) + "`");
            return ExitCode.FAILURE;
        }
        if (format() != OutputFormat.json) {
            out().println(all.size() + (all.size() == 1 ? " node" : " nodes") + " reprovisioned and up");
        }
        return ExitCode.OK;
    }

    private int timedOut(List<NodeProgress> all, ApiClient api) {
        List<String> pending = all.stream().filter(p -> p.outcome() == NodeProgress.Outcome.WAITING)
            .map(p -> p.name + " " + p.status()).toList();
        printFinalJson(all, api);
        ctx().err().println("ctl: timed out after " + Format.elapsed(timeout) + ": still waiting for "
            + String.join(", ", pending.subList(0, Math.min(10, pending.size())))
            + (pending.size() > 10 ? " and " + (pending.size() - 10) + " more" : ""));
        return ExitCode.FAILURE;
    }

    /** -o json --wait: the nodes as they ended, in the list's shape. */
    private void printFinalJson(List<NodeProgress> all, ApiClient api) {
        if (format() != OutputFormat.json) {
            return;
        }
        ObjectNode root = JsonOut.object();
        ArrayNode list = root.putArray("nodes");
        all.forEach(p -> list.add(settled(api, p)));
        printJson(root);
    }

    /**
     * The node as the controller's view shows it, once that agrees with the status the events
     * reported: events and node states travel on two topics, so the view can be a moment behind
     * the event that ended the wait. Bounded: after {@link #SETTLE} the view's answer is printed.
     */
    private JsonNode settled(ApiClient api, NodeProgress p) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonNode node = nodeNow(api, p.name);
        while (!p.status().equals(JsonOut.text(node, "status")) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return node;
            }
            node = nodeNow(api, p.name);
        }
        return node;
    }
}
