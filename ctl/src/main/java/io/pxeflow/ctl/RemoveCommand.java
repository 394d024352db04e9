package io.pxeflow.ctl;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", aliases = "rm",
    description = "Remove nodes: their boot files are removed, their overlays archived.")
final class RemoveCommand extends CtlCommand {
    @Parameters(arity = "1..*", paramLabel = "NODES", description = "node15, node[10-20],node33, rack1-*")
    List<String> nodes;

    @Override
    protected int run() {
        ApiClient api = api();
        List<String> names = Targets.resolve(nodes, api);
        List<NodeAction.Outcome> outcomes = NodeAction.apply(names,
            name -> api.delete("/api/v1/nodes/" + ApiClient.segment(name)));
        return NodeAction.report(ctx(), format(), outcomes, o -> NodeAction.line(o, "removed"));
    }
}
