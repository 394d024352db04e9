package io.pxeflow.ctl;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "install-complete",
    description = "Report that the installer finished (flips the stage now where the class says so).")
final class InstallCompleteCommand extends CtlCommand {
    @Parameters(arity = "1..*", paramLabel = "NODES", description = "node15, node[10-20],node33, rack1-*")
    List<String> nodes;

    @Override
    protected int run() {
        return NodeAction.post(this, nodes, "install-complete", null, "install complete");
    }
}
