package io.pxeflow.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.message.BootSequence;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioTest {
    @Test
    void fleetIsDeterministicWithDistinctMacsAndAddressesInTheSimulatedSubnet() {
        List<SimNode> a = Fleet.build(2_000, Scenario.MIXED, 42);
        assertEquals(a, Fleet.build(2_000, Scenario.MIXED, 42));
        assertEquals(2_000, a.stream().map(SimNode::mac).distinct().count());
        assertEquals(2_000, a.stream().map(SimNode::ip).distinct().count());
        long mask = Fleet.NETMASK.unsigned();
        assertTrue(a.stream().allMatch(n -> (n.ip().unsigned() & mask) == Fleet.SUBNET.unsigned()));
        assertEquals(Set.of(BootSequence.PXE, BootSequence.PXE_LOCAL),
            a.stream().map(SimNode::sequence).collect(Collectors.toSet()));
    }

    @Test
    void bootStormIsAllHealthyAndMixedHasEveryBehaviour() {
        assertTrue(Fleet.build(500, Scenario.BOOT_STORM, 1).stream().allMatch(n -> n.behaviour() == Behaviour.HEALTHY));
        assertEquals(Set.of(Behaviour.values()), Fleet.build(500, Scenario.MIXED, 1).stream().map(SimNode::behaviour)
            .collect(Collectors.toSet()));
    }

    @Test
    void scenariosAreNamedAsOnTheCommandLine() {
        assertEquals(Scenario.REPROVISION_WAVE, Scenario.fromCode("Reprovision-Wave"));
        assertEquals(0, Scenario.BOOT_STORM.unknownMacs(1_000));
        assertEquals(100, Scenario.UNKNOWN_MACS.unknownMacs(1_000));
        assertThrows(IllegalArgumentException.class, () -> Scenario.fromCode("storm"));
    }
}
