package io.pxeflow.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final MacAddress MAC = MacAddress.of("02:00:00:00:00:01");

    private static NodeState state(String name, BootStage stage, NodeStatus status, String bootId, long generation) {
        NodeSpec spec = new NodeSpec(1, name, List.of(MAC), Ipv4Address.parse("10.0.0.1"), ClassSpec.named("c"), null,
            BootSequence.PXE_LOCAL);
        return NodeState.builder(spec, stage, Instant.EPOCH).stageSince(null).status(status).bootId(bootId)
            .heartbeatSeconds(2).generation(generation).updated(Instant.EPOCH).build();
    }

    private static final Expectation N1 = new Expectation("n1", BootStage.LOCAL, NodeStatus.UP, "b1", false, 2);

    @Test
    void agreementIsNoDivergence() {
        assertTrue(Comparison.compare(List.of(N1), Map.of("n1", state("n1", BootStage.LOCAL, NodeStatus.UP, "b1", 2)),
            Set.of(MAC), Set.of(MAC.value())).isEmpty());
    }

    @Test
    void everyDifferingFieldIsOneDivergence() {
        List<Divergence> d = Comparison.compare(List.of(N1),
            Map.of("n1", state("n1", BootStage.PXE, NodeStatus.BOOTING, "b0", 3)), Set.of(), Set.of());
        assertEquals(List.of("stage", "status", "bootId", "generation"), d.stream().map(Divergence::field).toList());
        assertEquals("n1: stage expected local, controller has pxe", d.get(0).toString());
    }

    @Test
    void missingAndExtraNodesAndUndiscoveredMacsAreDivergences() {
        List<Divergence> d = Comparison.compare(List.of(N1),
            Map.of("n2", state("n2", BootStage.LOCAL, NodeStatus.UP, "b1", 2)), Set.of(MAC), Set.of());
        assertEquals(3, d.size());
        assertEquals(Set.of("n1", "n2", MAC.value()), Set.copyOf(d.stream().map(Divergence::subject).toList()));
    }
}
