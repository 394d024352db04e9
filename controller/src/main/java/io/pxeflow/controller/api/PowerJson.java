package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.controller.view.PowerLedger;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.PowerResult;
import io.pxeflow.protocol.message.PowerState;

/** The API's JSON of power (docs/openapi.yaml, schemas NodePower and PowerResult): never a secret, only the credentials' name. */
final class PowerJson {
    private static final ObjectMapper M = Json.mapper();

    private PowerJson() {
    }

    /**
     * Adds a node's power to its JSON: the flat {@code powerState} in every view (a table needs it),
     * and in the full view the {@code power} object.
     */
    static ObjectNode addTo(ObjectNode node, NodeState s, PowerLedger ledger, boolean brief) {
        PowerLedger.NodePower p = ledger.node(s.name());
        BmcSpec bmc = s.spec().effectiveBmc();
        if (bmc == null && p == null) {
            return node;
        }
        node.put("powerState", p == null ? PowerState.UNKNOWN.code() : p.state().code());
        if (!brief) {
            node.set("power", of(s, p));
        }
        return node;
    }

    /** {@code GET /api/v1/nodes/NAME/power}, and the {@code power} of a node. */
    static ObjectNode of(NodeState s, PowerLedger.NodePower p) {
        ObjectNode o = M.createObjectNode();
        BmcSpec bmc = s.spec().effectiveBmc();
        if (bmc != null) {
            ObjectNode b = o.putObject("bmc");
            b.put("address", bmc.address());
            b.put("protocol", bmc.protocol().code());
            b.put("credentials", bmc.credentials());
        } else {
            o.putNull("bmc");
        }
        o.put("state", p == null ? PowerState.UNKNOWN.code() : p.state().code());
        if (p != null && p.stateAt() != null) {
            o.put("stateAt", p.stateAt().toString());
        }
        if (p != null) {
            o.set("last", result(p.last()));
        }
        return o;
    }

    static ObjectNode result(PowerResult r) {
        ObjectNode o = M.valueToTree(r);
        o.remove("v");
        o.put("summary", r.summary());
        return o;
    }
}
