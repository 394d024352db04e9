package io.pxeflow.controller.metrics;

import io.pxeflow.protocol.message.NodeState;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per generator, how many nodes it has applied the latest boot-config generation for and how
 * many it still owes, from the {@code appliedBy} map every node state carries.
 */
public final class ConfigGenerations {
    private ConfigGenerations() {
    }

    /** Applied, pending and generations-behind counts for one generator. */
    record Tally(long applied, long pending, long behind) {
    }

    static Map<String, Tally> tally(Collection<NodeState> nodes) {
        Map<String, long[]> acc = new TreeMap<>();
        for (NodeState s : nodes) {
            s.appliedBy().keySet().forEach(g -> acc.computeIfAbsent(g, k -> new long[3]));
        }
        for (NodeState s : nodes) {
            for (var e : acc.entrySet()) {
                Long applied = s.appliedBy().get(e.getKey());
                long have = applied == null ? 0 : applied;
                if (have >= s.generation()) {
                    e.getValue()[0]++;
                } else {
                    e.getValue()[1]++;
                    e.getValue()[2] += s.generation() - have;
                }
            }
        }
        Map<String, Tally> out = new TreeMap<>();
        acc.forEach((g, a) -> out.put(g, new Tally(a[0], a[1], a[2])));
        return out;
    }

    public static void write(Collection<NodeState> nodes, ExpositionWriter w) {
        Map<String, Tally> t = tally(nodes);
        w.family("pxeflow_config_applied_nodes", "gauge", "Nodes whose latest boot-config generation this generator applied");
        t.forEach((g, v) -> w.sample("pxeflow_config_applied_nodes").label("generator", g).value(v.applied()));
        w.family("pxeflow_config_pending_nodes", "gauge",
            "Nodes with a boot-config generation this generator has not applied yet");
        t.forEach((g, v) -> w.sample("pxeflow_config_pending_nodes").label("generator", g).value(v.pending()));
        w.family("pxeflow_config_pending_generations", "gauge",
            "Sum over nodes of how many generations this generator is behind");
        t.forEach((g, v) -> w.sample("pxeflow_config_pending_generations").label("generator", g).value(v.behind()));
    }
}
