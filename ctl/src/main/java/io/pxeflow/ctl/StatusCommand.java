package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "Everything about one node, with its recent lifecycle events.")
final class StatusCommand extends CtlCommand {
    @Parameters(paramLabel = "NODE", description = "The node's name, e.g. node15")
    String name;

    @Option(names = "--events", paramLabel = "N", defaultValue = "10",
        description = "How many recent events to show (default ${DEFAULT-VALUE}).")
    int events = 10;

    @Override
    protected int run() {
        String path = "/api/v1/nodes/" + ApiClient.segment(name);
        JsonNode node = api().getJson(path);
        JsonNode history = api().getJson(ApiClient.path(path + "/events", Map.of("limit", Integer.toString(events))));
        if (format() == OutputFormat.json) {
            // Two API answers under one object: {"node": GET /nodes/{name}, "events": [...]}.
            ObjectNode both = JsonOut.object();
            both.set("node", node);
            both.set("events", history.path("events"));
            printJson(both);
            return ExitCode.OK;
        }
        out().print(describe(node, ctx().clock().instant(), ctx().zone()));
        List<JsonNode> list = JsonOut.array(history, "events");
        out().println();
        if (list.isEmpty()) {
            out().println("Recent events: none");
        } else {
            out().println("Recent events:");
            out().print(EventFormat.table(list, ctx().zone(), format() == OutputFormat.wide).render(width()));
        }
        return ExitCode.OK;
    }

    static String describe(JsonNode n, Instant now, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        field(b, "Name", JsonOut.text(n, "name"));
        field(b, "Index", JsonOut.text(n, "index"));
        field(b, "IP", JsonOut.text(n, "ip"));
        field(b, "MACs", String.join(", ", NodeTable.texts(n, "macs")));
        field(b, "Class", JsonOut.text(n, "class"));
        field(b, "Sequence", JsonOut.text(n, "sequence"));
        field(b, "Stage", JsonOut.text(n, "stage") + ("yes".equals(NodeTable.yesNo(n, "wipe"))
            ? " (disk wipe requested)" : ""));
        Instant since = NodeTable.instant(n, "statusSince");
        field(b, "Status", JsonOut.text(n, "status") + (since == null ? ""
            : " for " + Format.age(since, now) + " (since " + Format.time(since, zone) + ")"));
        field(b, "Boot ID", JsonOut.text(n, "bootId"));
        Instant hb = NodeTable.instant(n, "lastHeartbeat");
        field(b, "Heartbeat", hb == null ? "never" : NodeTable.heartbeat(n, now) + " ago (" + Format.time(hb, zone) + ")");
        JsonNode power = n.get("power");
        if (power != null && power.isObject()) {
            field(b, "Power", power(power, now));
            field(b, "BMC", bmc(power.path("bmc")));
        }
        field(b, "Load", Format.load(JsonOut.number(n, "load1")));
        field(b, "Memory", memory(n));
        field(b, "Config", config(n));
        return b.toString();
    }

    /** "on (reported 2m ago)", and the last request when it failed: the admin's first question after a power command. */
    static String power(JsonNode p, Instant now) {
        StringBuilder b = new StringBuilder(String.valueOf(JsonOut.text(p, "state")));
        Instant at = NodeTable.instant(p, "stateAt");
        if (at != null) {
            b.append(" (reported ").append(Format.age(at, now)).append(" ago)");
        }
        JsonNode last = p.path("last");
        if (last.isObject() && !"succeeded".equals(JsonOut.text(last, "outcome"))) {
            b.append("; last request: ").append(JsonOut.text(last, "summary"));
        }
        return b.toString();
    }

    private static String bmc(JsonNode bmc) {
        if (!bmc.isObject()) {
            return "none";
        }
        return JsonOut.text(bmc, "protocol") + "://" + JsonOut.text(bmc, "address") + ", credentials "
            + JsonOut.text(bmc, "credentials");
    }

    private static String memory(JsonNode n) {
        long used = JsonOut.longOr(n, "memUsedBytes", -1);
        long total = JsonOut.longOr(n, "memTotalBytes", -1);
        if (used < 0) {
            return "-";
        }
        return Format.bytes(used) + " used" + (total > 0 ? " of " + Format.bytes(total)
            + String.format(Locale.ROOT, " (%.0f%%)", 100.0 * used / total) : "");
    }

    /** "applied, generation 7", or which generator is behind: the admin's first question. */
    private static String config(JsonNode n) {
        String gen = JsonOut.text(n, "generation");
        String state = NodeTable.config(n);
        String head = switch (state) {
            case "yes" -> "applied";
            case "pending" -> "pending";
            default -> "-";
        };
        StringBuilder b = new StringBuilder(head);
        if (gen != null) {
            b.append(", generation ").append(gen);
        }
        JsonNode by = n.get("appliedBy");
        if (by != null && by.isObject() && by.size() > 0) {
            StringBuilder list = new StringBuilder();
            List<String> names = new ArrayList<>();
            by.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            for (String g : names) {
                list.append(list.length() == 0 ? "" : ", ").append(g).append('=').append(by.get(g).asText());
            }
            b.append(" (").append(list).append(')');
        }
        return b.toString();
    }

    private static void field(StringBuilder b, String label, String value) {
        String v = value == null || value.isBlank() || "null".equals(value) ? "-" : value;
        b.append(label).append(':').append(" ".repeat(Math.max(1, 11 - label.length()))).append(v).append('\n');
    }
}
