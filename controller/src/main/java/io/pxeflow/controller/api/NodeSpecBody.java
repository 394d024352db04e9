package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.BootOverride;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.Subnet;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code PUT /api/v1/nodes/NAME} read into a node spec, against what the view knows:
 * the inventory's classes, the node's current class and override, and the other nodes' MACs, IPs
 * and indexes (a clash is a 409 before anything is published).
 */
final class NodeSpecBody {
    private final ClusterView view;

    NodeSpecBody(ClusterView view) {
        this.view = view;
    }

    NodeSpec read(String name, JsonNode b) {
        NodeSpec spec;
        try {
            if (!b.has("index") || !b.get("index").canConvertToInt()) {
                throw new InvalidFieldException("index", "required, a number");
            }
            List<MacAddress> macs = new ArrayList<>();
            JsonNode macList = b.path("macs");
            for (int i = 0; i < macList.size(); i++) {
                try {
                    macs.add(MacAddress.of(macList.get(i).asText()));
                } catch (InvalidFieldException e) {
                    // Name the request's field, not the parser's: the caller sent "macs".
                    throw new InvalidFieldException("macs[" + i + "]", e.getMessage().substring(e.field().length() + 2));
                }
            }
            NodeState existing = view.node(name);
            // No "ip" keeps the node's address (ctl add re-run to give a node a BMC must not take
            // it away), and a new node gets ClusterWare's iprange address of its index, as an import does.
            Ipv4Address ip = b.hasNonNull("ip") ? Ipv4Address.parse(b.get("ip").asText())
                : existing != null && existing.spec().ip() != null ? existing.spec().ip()
                : view.inventory().rangeAddress(b.get("index").asInt()).orElse(null);
            List<Subnet> subnets = view.inventory().subnets();
            if (ip != null && !subnets.isEmpty() && view.inventory().subnetOf(ip).isEmpty()) {
                // An import refuses such an address; a node added alone is held to the same rule.
                throw new InvalidFieldException("ip", ip + " lies in no subnet of the inventory ("
                    + subnets.stream().map(s -> s.network().toString()).collect(java.util.stream.Collectors.joining(", ")) + ")");
            }
            String seqText = b.path("sequence").asText("pxe+local");
            BootSequence seq = BootSequence.fromCode(seqText);
            if (seq == BootSequence.UNKNOWN) {
                throw new InvalidFieldException("sequence", "must be pxe+local, pxe or local: " + seqText);
            }
            ClassSpec cls = b.hasNonNull("class") ? bootClass(b.get("class").asText())
                : existing != null ? existing.spec().bootClass() : defaultClass();
            BootOverride override = existing != null ? existing.spec().override() : null;
            // No "bmc" keeps the node's (a PUT from ctl add knows nothing of it); "bmc": null removes it.
            BmcSpec bmc = b.has("bmc") ? bmc(b.get("bmc")) : existing != null ? existing.spec().bmc() : null;
            spec = new NodeSpec(b.get("index").asInt(), name, macs, ip, cls, override, seq, bmc);
        } catch (InvalidFieldException e) {
            throw ApiError.invalid(e.field(), e.getMessage());
        }
        return spec;
    }

    /** {@code {"address": "10.55.0.15", "protocol": "ipmi", "credentials": "rack1"}}; only the address is required. */
    private static BmcSpec bmc(JsonNode b) {
        if (b.isNull()) {
            return null;
        }
        if (!b.isObject() || !b.hasNonNull("address")) {
            throw new InvalidFieldException("bmc", "an object with at least an address: {\"address\": \"10.55.0.15\", "
                + "\"protocol\": \"ipmi\", \"credentials\": \"rack1\"}");
        }
        BmcProtocol protocol = null;
        if (b.hasNonNull("protocol")) {
            protocol = BmcProtocol.fromCode(b.get("protocol").asText());
            if (protocol == BmcProtocol.UNKNOWN) {
                throw new InvalidFieldException("bmc.protocol", "must be ipmi or redfish: " + b.get("protocol").asText());
            }
        }
        return new BmcSpec(b.get("address").asText(), protocol,
            b.hasNonNull("credentials") ? b.get("credentials").asText() : null);
    }

    void checkConflicts(NodeSpec spec) {
        for (NodeState other : view.nodes()) {
            if (other.name().equals(spec.name())) {
                continue;
            }
            for (MacAddress m : spec.macs()) {
                if (other.spec().macs().contains(m)) {
                    throw ApiError.conflict("MAC " + m + " already belongs to " + other.name());
                }
            }
            if (spec.ip() != null && spec.ip().equals(other.spec().ip())) {
                throw ApiError.conflict("IP " + spec.ip() + " already belongs to " + other.name());
            }
            if (other.spec().index() == spec.index()) {
                throw ApiError.conflict("index " + spec.index() + " already belongs to " + other.name());
            }
        }
    }

    /** The inventory's class of that name (a 400 listing the known ones if there is none). */
    ClassSpec bootClass(String name) {
        if (name == null || name.isBlank()) {
            throw ApiError.invalid("class", "required");
        }
        ClassSpec c = view.inventory().classes().get(name);
        if (c == null) {
            if (ClassSpec.DEFAULT_NAME.equals(name)) {
                return defaultClass();
            }
            throw ApiError.invalid("class", "no class named " + name + " (known: "
                + String.join(", ", new java.util.TreeSet<>(view.inventory().classes().keySet())) + ")");
        }
        return c;
    }

    private ClassSpec defaultClass() {
        ClassSpec c = view.inventory().classes().get(ClassSpec.DEFAULT_NAME);
        return c != null ? c : ClassSpec.named(ClassSpec.DEFAULT_NAME);
    }
}
