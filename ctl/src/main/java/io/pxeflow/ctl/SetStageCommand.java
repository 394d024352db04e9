package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "set-stage", description = "Set the boot stage: pxe (next PXE boot installs/netboots) or local.")
final class SetStageCommand extends CtlCommand {
    enum Stage { pxe, local }

    @Parameters(index = "0", paramLabel = "NODES", description = "node15, node[10-20],node33, rack1-*")
    String nodes;

    @Parameters(index = "1", paramLabel = "STAGE", description = "${COMPLETION-CANDIDATES}")
    Stage stage;

    @Override
    protected int run() {
        ObjectNode body = JsonOut.object().put("stage", stage.name());
        return NodeAction.post(this, List.of(nodes), "set-stage", body, "stage " + stage);
    }
}
