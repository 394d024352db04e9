package io.pxeflow.ctl;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctl power status|on|off|cycle|reset NODES}: through each node's BMC, by the power worker
 * of its rack. One line per node as its result comes in; the exit code is 0 when every node's
 * BMC did it, else the first failure's (1 for a BMC failure or no result in time, 3 unknown node).
 */
@Command(name = "power", description = "Power status, on, off, cycle or reset through the nodes' BMCs.",
    footer = {"", "cycle powers a node that is off on. --pxe boots it from the network once (then its disk again). "
        + "A node needs a BMC in the inventory (bmc=ADDRESS on its node line) and a power worker (pxeflow power) on a "
        + "head node that reaches it."})
final class PowerCommand extends CtlCommand {
    @Parameters(index = "0", paramLabel = "ACTION", description = "status, on, off, cycle or reset")
    String action;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "NODES", description = "node15, node[10-20],node33, rack1-*")
    List<String> nodes;

    @Option(names = "--pxe", description = "Boot from the network at the next boot only (on, cycle, reset).")
    boolean pxe;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
        description = "How long to wait for the power workers' results (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--poll-interval", hidden = true, defaultValue = "2s", converter = DurationConverter.class)
    Duration pollInterval;

    static final List<String> ACTIONS = List.of("status", "on", "off", "cycle", "reset");

    @Override
    protected int run() {
        if (!ACTIONS.contains(action)) {
            throw CtlException.usage("unknown power action " + action + " (status, on, off, cycle or reset)");
        }
        if (pxe && (action.equals("status") || action.equals("off"))) {
            throw CtlException.usage("--pxe needs a boot: on, cycle or reset");
        }
        ApiClient api = api();
        List<String> names = Targets.resolve(nodes, api);
        try (EventStream stream = open(api)) {
            List<NodeAction.Outcome> sent = PowerFollow.send(api, names, action, pxe);
            int exit = ExitCode.OK;
            Map<String, String> requests = new LinkedHashMap<>();
            for (NodeAction.Outcome o : sent) {
                if (o.ok()) {
                    requests.put(o.name(), JsonOut.text(NodeAction.body(o), "requestId"));
                } else {
                    ctx().err().println("ctl: " + o.name() + ": " + o.error().getMessage());
                    exit = exit == ExitCode.OK ? o.error().exitCode() : exit;
                }
            }
            List<PowerFollow.Ended> ended = new PowerFollow(api, stream, pollInterval).follow(requests, timeout,
                e -> line(e));
            for (PowerFollow.Ended e : ended) {
                if (!e.ok()) {
                    exit = exit == ExitCode.OK ? ExitCode.FAILURE : exit;
                }
            }
            List<String> waiting = ended.stream().filter(e -> e.result() == null).map(PowerFollow.Ended::node).toList();
            if (!waiting.isEmpty()) {
                ctx().err().println("ctl: no result after " + Format.elapsed(timeout) + " for " + String.join(", ", waiting)
                    + ": is a power worker (pxeflow power) running for " + (waiting.size() == 1 ? "its" : "their")
                    + " rack?");
            }
            if (format() == OutputFormat.json) {
                printJson(PowerFollow.json("nodes", ended));
            }
            return exit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILURE;
        }
    }

    private EventStream open(ApiClient api) {
        return EventStream.openOrPoll(api, String.join(",", nodes), ctx());
    }

    /** "node15: on" for a status; "node15: cycle with PXE once: power on" for an action; failures on stderr. */
    private void line(PowerFollow.Ended e) {
        if (e.ok()) {
            if (format() != OutputFormat.json) {
                out().println(e.node() + ": " + (action.equals("status") ? JsonOut.text(e.result(), "state") : e.summary()));
                out().flush();
            }
        } else {
            ctx().err().println("ctl: " + e.node() + ": " + e.summary());
        }
    }

}
