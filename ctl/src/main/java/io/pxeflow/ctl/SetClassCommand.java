package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "set-class", description = "Move nodes to another class (kernel, initrd, command line).")
final class SetClassCommand extends CtlCommand {
    @Parameters(index = "0", paramLabel = "NODES", description = "node15, node[10-20],node33, rack1-*")
    String nodes;

    @Parameters(index = "1", paramLabel = "CLASS", description = "A class of the inventory")
    String nodeClass;

    @Override
    protected int run() {
        ObjectNode body = JsonOut.object().put("class", nodeClass);
        return NodeAction.post(this, List.of(nodes), "set-class", body, "class " + nodeClass);
    }
}
