package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "nodes", aliases = "ls", description = "List nodes: status, stage, heartbeat, load, memory.")
final class NodesCommand extends CtlCommand {
    @Parameters(arity = "0..*", paramLabel = "NODES", description = "Names, ranges, globs: node[10-20],node33 rack1-*")
    List<String> names = List.of();

    @Option(names = "--status", paramLabel = "STATUS", split = ",",
        description = "registered, dhcp, netbooting, booting, up, stale, down, boot-loop (comma-separated)")
    List<String> status = List.of();

    @Option(names = "--stage", paramLabel = "STAGE", description = "pxe or local")
    String stage;

    @Option(names = "--class", paramLabel = "CLASS", description = "Only nodes of this class")
    String nodeClass;

    @Override
    protected int run() {
        // Filtering is the server's (openapi: /api/v1/nodes?status=&stage=&class=&name=).
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", status.isEmpty() ? null : String.join(",", status));
        query.put("stage", stage);
        query.put("class", nodeClass);
        query.put("name", names.isEmpty() ? null : String.join(",", names));
        boolean filtered = query.values().stream().anyMatch(v -> v != null);
        // A table needs only the flat fields; -o json keeps the full, stable shape for scripts.
        query.put("view", format() == OutputFormat.json ? null : "brief");
        ApiResponse resp = api().get(ApiClient.path("/api/v1/nodes", query));
        JsonNode body = resp.json();
        if (format() == OutputFormat.json) {
            printJson(body);
            return ExitCode.OK;
        }
        List<JsonNode> nodes = JsonOut.array(body, "nodes");
        if (nodes.isEmpty()) {
            ctx().err().println(filtered ? "no nodes match" : "no nodes yet: add some with `ctl add` or `ctl import FILE`");
            return ExitCode.OK;
        }
        out().print(NodeTable.of(nodes, format() == OutputFormat.wide, ctx().clock().instant()).render(width()));
        return ExitCode.OK;
    }
}
