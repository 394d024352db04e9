package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "events", description = "Recent lifecycle events, cluster-wide or of one node (oldest first).")
final class EventsCommand extends CtlCommand {
    @Parameters(arity = "0..1", paramLabel = "NODE", description = "Only this node's events")
    String node;

    @Option(names = "--limit", paramLabel = "N", description = "How many (default 100 cluster-wide, 50 per node)")
    Integer limit;

    @Override
    protected int run() {
        String path = node == null ? "/api/v1/events" : "/api/v1/nodes/" + ApiClient.segment(node) + "/events";
        Map<String, String> query = limit == null ? Map.of() : Map.of("limit", limit.toString());
        JsonNode body = api().getJson(ApiClient.path(path, query));
        if (format() == OutputFormat.json) {
            printJson(body);
            return ExitCode.OK;
        }
        List<JsonNode> events = JsonOut.array(body, "events");
        if (events.isEmpty()) {
            ctx().err().println("no events yet");
            return ExitCode.OK;
        }
        out().print(EventFormat.table(events, ctx().zone(), format() == OutputFormat.wide).render(width()));
        return ExitCode.OK;
    }
}
