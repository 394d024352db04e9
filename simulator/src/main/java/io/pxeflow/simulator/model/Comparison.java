package io.pxeflow.simulator.model;

import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.NodeState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Compares the controller's node states (and discovered MACs) with the reference model. */
public final class Comparison {
    private Comparison() {
    }

    public static List<Divergence> compare(List<Expectation> expected, Map<String, NodeState> actual,
                                           Set<MacAddress> unknownMacs, Set<String> discovered) {
        List<Divergence> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Expectation e : expected) {
            seen.add(e.node());
            NodeState s = actual.get(e.node());
            if (s == null) {
                out.add(new Divergence(e.node(), "presence", "registered", "no such node"));
                continue;
            }
            field(out, e.node(), "stage", e.stage().code(), s.stage() == null ? null : s.stage().code());
            field(out, e.node(), "status", e.status().code(), s.status() == null ? null : s.status().code());
            field(out, e.node(), "bootId", e.bootId(), s.bootId());
            field(out, e.node(), "wipe", Boolean.toString(e.wipe()), Boolean.toString(s.wipe()));
            field(out, e.node(), "generation", Long.toString(e.generation()), Long.toString(s.generation()));
        }
        for (String name : actual.keySet()) {
            if (!seen.contains(name)) {
                out.add(new Divergence(name, "presence", "no such node", "registered"));
            }
        }
        for (MacAddress mac : unknownMacs) {
            if (!discovered.contains(mac.value())) {
                out.add(new Divergence(mac.value(), "discovered", "listed as an unknown client", "not listed"));
            }
        }
        return out;
    }

    private static void field(List<Divergence> out, String node, String field, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(new Divergence(node, field, String.valueOf(expected), String.valueOf(actual)));
        }
    }
}
