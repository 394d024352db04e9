package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * Unknown MACs that DHCPed or PXE-booted, each with the {@code ctl add} line that adopts it:
 * the next free indexes are proposed, so pasting the lines in order just works.
 */
@Command(name = "discovered", description = "Unknown MACs that asked for an address, with the `ctl add` line to adopt each.")
final class DiscoveredCommand extends CtlCommand {
    @Override
    protected int run() {
        JsonNode body = api().getJson("/api/v1/discovered");
        if (format() == OutputFormat.json) {
            printJson(body);
            return ExitCode.OK;
        }
        List<JsonNode> macs = JsonOut.array(body, "discovered");
        if (macs.isEmpty()) {
            ctx().err().println("no unknown MACs seen");
            return ExitCode.OK;
        }
        Instant now = ctx().clock().instant();
        Table table = new Table(Table.Column.left("MAC"), Table.Column.left("IP"), Table.Column.shrinkable("VENDOR"),
            Table.Column.right("ARCH"), Table.Column.left("IFACE"), Table.Column.right("SEEN"),
            Table.Column.right("FIRST"), Table.Column.right("COUNT"));
        for (JsonNode m : macs) {
            table.row(JsonOut.text(m, "mac"), JsonOut.text(m, "ip"), JsonOut.text(m, "vendorClass"),
                JsonOut.text(m, "arch"), JsonOut.text(m, "iface"), Format.age(NodeTable.instant(m, "lastSeen"), now),
                Format.age(NodeTable.instant(m, "firstSeen"), now), JsonOut.text(m, "sightings"));
        }
        out().print(table.render(width()));
        out().println();
        out().println("Adopt with:");
        int next = nextIndex();
        for (JsonNode m : macs) {
            out().println("  ctl add " + next + " --mac " + JsonOut.text(m, "mac"));
            next++;
        }
        return ExitCode.OK;
    }

    /** One past the highest index in use (ClusterWare numbers nodes densely from 0). */
    private int nextIndex() {
        long max = -1;
        for (JsonNode n : JsonOut.array(api().getJson("/api/v1/nodes"), "nodes")) {
            max = Math.max(max, JsonOut.longOr(n, "index", -1));
        }
        return (int) (max + 1);
    }
}
