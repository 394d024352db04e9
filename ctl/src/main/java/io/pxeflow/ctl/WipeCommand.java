package io.pxeflow.ctl;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "wipe", description = "Wipe the local disk at the node's next install.")
final class WipeCommand extends CtlCommand {
    @Parameters(arity = "1..*", paramLabel = "NODES", description = "node15, node[10-20],node33, rack1-*")
    List<String> nodes;

    @Override
    protected int run() {
        return NodeAction.post(this, nodes, "wipe", null, "disk wipe at next install");
    }
}
