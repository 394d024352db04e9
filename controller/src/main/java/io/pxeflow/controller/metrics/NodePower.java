package io.pxeflow.controller.metrics;

import io.pxeflow.controller.view.PowerLedger;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.PowerState;
import java.util.List;

/**
 * {@code pxeflow_node_power_state{node,class}}: 1 on, 0 off, -1 unknown, for every node with a
 * BMC or a power result; from the power workers' results the view keeps.
 */
final class NodePower {
    static final String FAMILY = "pxeflow_node_power_state";

    private NodePower() {
    }

    static void write(List<NodeState> nodes, PowerLedger ledger, ExpositionWriter w) {
        boolean declared = false;
        for (NodeState s : nodes) {
            PowerLedger.NodePower p = ledger.node(s.name());
            if (p == null && s.spec().effectiveBmc() == null) {
                continue;
            }
            if (!declared) {
                w.family(FAMILY, "gauge", "Node power as its BMC last reported it: 1 on, 0 off, -1 unknown");
                declared = true;
            }
            PowerState state = p == null ? PowerState.UNKNOWN : p.state();
            w.sample(FAMILY, ExpositionWriter.labels("node", s.name(), "class", s.spec().bootClass().name()))
                .value(state == PowerState.ON ? 1 : state == PowerState.OFF ? 0 : -1);
        }
    }
}
