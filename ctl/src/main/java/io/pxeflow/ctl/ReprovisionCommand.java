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
 * {@code --reboot} makes that boot happen now: once the node's new boot config is applied, its
 * BMC is told to boot from the network once and to power-cycle (a power worker does it).
 * {@code --wait} follows each node through netbooting, booting, up; it fails (exit 1) on a
 * boot loop or when {@code --timeout} passes.
 */
@Command(name = "reprovision", description = "Set stage pxe so the next boot reinstalls; --reboot boots it now through "
    + "its BMC; --wait follows it.")
final class ReprovisionCommand extends CtlCommand {
    @Parameters(arity = "1..*", paramLabel = "NODES", description = "node15, node[10-20],node33, rack1-*")
    List<String> nodes;

    @Option(names = "--wipe", description = "Also wipe the local disk at install.")
    boolean wipe;

    @Option(names = {"-w", "--wait"}, description = "Follow the node(s) until up again (or boot-loop, or timeout).")
    boolean waitForUp;

    @Option(names = "--reboot", description = "Then PXE-boot it now: PXE once and a power cycle through its BMC.")
    boolean reboot;

    /** How long --reboot waits for the generators to apply the node's new boot config before cycling it. */
    @Option(names = "--config-timeout", hidden = true, defaultValue = "60s", converter = DurationConverter.class)
    Duration configTimeout;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
        description = "How long --wait waits: 90s, 10m, 1h (default ${DEFAULT-VALUE}).")
    Duration timeout;

    private static final Duration SETTLE = Duration.ofSeconds(5);
    /** How long --reboot waits for the power workers (BMCs retried with backoff take a while). */
    private static final Duration POWER_TIMEOUT = Duration.ofMinutes(2);
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
        EventStream stream = waitForUp || reboot ? openStream(api) : null;
        try {
            List<NodeAction.Outcome> outcomes = NodeAction.apply(names,
                name -> api.post("/api/v1/nodes/" + ApiClient.segment(name) + "/reprovision", body));
            if (!waitForUp && !reboot) {
                return NodeAction.report(ctx(), format(), outcomes, o -> NodeAction.line(o, what));
            }
            int exit = NodeAction.report(ctx(), format() == OutputFormat.json ? OutputFormat.table : format(),
                silentForJson(outcomes), o -> NodeAction.line(o, what));
            // The wait can last the whole timeout: what was applied shows now, not at exit.
            out().flush();
            List<JsonNode> earlier = List.of();
            if (reboot) {
                PowerCycle cycle = new PowerCycle(api, stream);
                outcomes = cycle.run(outcomes);
                exit = exit != ExitCode.OK ? exit : cycle.exit();
                earlier = cycle.earlierEvents();
                if (!waitForUp) {
                    if (format() == OutputFormat.json) {
                        printJson(cycle.json());
                    }
                    return exit;
                }
            }
            int waited = follow(api, stream, outcomes, earlier);
            return exit != ExitCode.OK ? exit : waited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILURE;
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
    }

    /**
     * {@code --reboot}: for each reprovisioned node, waits until the generators applied its new
     * boot config (else the node would boot the old "boot your disk" answer), then asks for PXE
     * once and a power cycle. Nodes whose config or BMC failed are left out of {@code --wait}.
     */
    private final class PowerCycle {
        private final ApiClient api;
        private final EventStream stream;
        private final List<JsonNode> earlier = new ArrayList<>();
        private List<PowerFollow.Ended> ended = List.of();
        private int exit = ExitCode.OK;

        PowerCycle(ApiClient api, EventStream stream) {
            this.api = api;
            this.stream = stream;
        }

        List<NodeAction.Outcome> run(List<NodeAction.Outcome> outcomes) throws InterruptedException {
            List<NodeAction.Outcome> applied = awaitConfig(outcomes.stream().filter(NodeAction.Outcome::ok).toList());
            List<NodeAction.Outcome> sent = PowerFollow.send(api, applied.stream().map(NodeAction.Outcome::name).toList(),
                "cycle", true);
            Map<String, String> requests = new LinkedHashMap<>();
            for (NodeAction.Outcome o : sent) {
                if (o.ok()) {
                    requests.put(o.name(), JsonOut.text(NodeAction.body(o), "requestId"));
                } else {
                    fail(o.name() + ": not power-cycled: " + o.error().getMessage(), o.error().exitCode());
                }
            }
            PowerFollow follow = new PowerFollow(api, stream, pollInterval);
            ended = follow.follow(requests, POWER_TIMEOUT, e -> {
                if (e.ok() && format() != OutputFormat.json) {
                    out().println(e.node() + ": " + e.summary());
                    out().flush();
                }
            });
            earlier.addAll(follow.others());
            List<String> cycled = new ArrayList<>();
            for (PowerFollow.Ended e : ended) {
                if (e.ok()) {
                    cycled.add(e.node());
                } else {
                    fail(e.node() + ": " + (e.result() == null ? "no power worker reported within "
                        + Format.elapsed(POWER_TIMEOUT) + " (is `pxeflow power` running for its rack?)" : e.summary()),
                        ExitCode.FAILURE);
                }
            }
            return applied.stream().filter(o -> cycled.contains(o.name())).toList();
        }

        /** The nodes whose new boot config every generator applied (or that no generator renders: iPXE answers live). */
        private List<NodeAction.Outcome> awaitConfig(List<NodeAction.Outcome> outcomes) throws InterruptedException {
            Map<String, NodeAction.Outcome> pending = new LinkedHashMap<>();
            outcomes.forEach(o -> pending.put(o.name(), o));
            List<NodeAction.Outcome> ready = new ArrayList<>();
            long deadline = System.nanoTime() + configTimeout.toNanos();
            while (true) {
                for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    JsonNode node = api.getJson("/api/v1/nodes/" + ApiClient.segment(e.getKey()));
                    JsonNode by = node.path("appliedBy");
                    if (node.path("configApplied").asBoolean(false) || !by.isObject() || by.size() == 0) {
                        ready.add(e.getValue());
                        it.remove();
                    }
                }
                if (pending.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(Math.min(250, pollInterval.toMillis()));
            }
            pending.keySet().forEach(n -> fail(n + ": its new boot config was not applied within "
                + Format.elapsed(configTimeout) + " (is the generator running?); not power-cycled", ExitCode.FAILURE));
            return ready;
        }

        private void fail(String message, int code) {
            ctx().err().println("ctl: " + message);
            exit = exit == ExitCode.OK ? code : exit;
        }

        int exit() {
            return exit;
        }

        List<JsonNode> earlierEvents() {
            return earlier;
        }

        JsonNode json() {
            return PowerFollow.json("power", ended);
        }
    }

    /** With -o json the progress lines are left out: stdout carries only the final JSON. */
    private List<NodeAction.Outcome> silentForJson(List<NodeAction.Outcome> outcomes) {
        return format() == OutputFormat.json ? outcomes.stream().filter(o -> !o.ok()).toList() : outcomes;
    }

    private EventStream openStream(ApiClient api) {
        return EventStream.openOrPoll(api, String.join(",", nodes), ctx());
    }

    private int follow(ApiClient api, EventStream stream, List<NodeAction.Outcome> outcomes, List<JsonNode> earlier) {
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
        for (JsonNode e : earlier) {
            NodeProgress p = progress.get(JsonOut.text(e, "node"));
            if (p != null && p.onEvent(e) && !json) {
                display.changed(p, Duration.ZERO);
            }
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
