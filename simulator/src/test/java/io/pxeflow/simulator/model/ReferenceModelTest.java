package io.pxeflow.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.controller.domain.ControllerPolicy;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.NodeStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReferenceModelTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final ReferenceModel model = new ReferenceModel(ControllerPolicy.defaults());

    private Expectation at(String node, Instant now) {
        return model.expectations(now).stream().filter(e -> e.node().equals(node)).findFirst().orElseThrow();
    }

    @Test
    void registeredPxeLocalNodeStartsAtPxeWithGenerationOne() {
        model.registered("n1", BootSequence.PXE_LOCAL);
        Expectation e = at("n1", T0);
        assertEquals(BootStage.PXE, e.stage());
        assertEquals(NodeStatus.REGISTERED, e.status());
        assertEquals(1, e.generation());
        assertNull(e.bootId());
    }

    @Test
    void registeredLocalNodeStartsAtLocal() {
        model.registered("n1", BootSequence.LOCAL);
        assertEquals(BootStage.LOCAL, at("n1", T0).stage());
    }

    @Test
    void pxeLocalNodeFlipsToLocalWhenItsAnswerIsServedAndEndsUpAfterInstall() {
        model.registered("n1", BootSequence.PXE_LOCAL);
        model.dhcpDiscover("n1");
        assertEquals(NodeStatus.DHCP, at("n1", T0).status());
        assertTrue(model.pxeAnswered("n1"), "the first answer is the installer");
        assertEquals(BootStage.LOCAL, at("n1", T0).stage());
        assertEquals(NodeStatus.NETBOOTING, at("n1", T0).status());
        assertEquals(2, at("n1", T0).generation());
        model.imageServed("n1");
        assertEquals(NodeStatus.BOOTING, at("n1", T0).status());
        model.dhcpDiscover("n1");
        assertFalse(model.pxeAnswered("n1"), "after the flip the node is told to boot its disk");
        assertEquals(NodeStatus.BOOTING, at("n1", T0).status());
        model.heartbeat("n1", "boot-a", 2, T0);
        Expectation e = at("n1", T0);
        assertEquals(NodeStatus.UP, e.status());
        assertEquals(BootStage.LOCAL, e.stage());
        assertEquals("boot-a", e.bootId());
        assertEquals(2, e.generation());
    }

    @Test
    void disklessNodeNetbootsEveryTimeAndNeverFlips() {
        model.registered("n1", BootSequence.PXE);
        assertTrue(model.pxeAnswered("n1"));
        model.heartbeat("n1", "boot-a", 2, T0);
        assertTrue(model.pxeAnswered("n1"));
        assertEquals(BootStage.PXE, at("n1", T0).stage());
        assertEquals(1, at("n1", T0).generation());
    }

    @Test
    void thirdAnswerWithoutUpIsBootLoopAndDhcpDoesNotClearIt() {
        model.registered("n1", BootSequence.PXE);
        model.pxeAnswered("n1");
        model.pxeAnswered("n1");
        assertEquals(NodeStatus.NETBOOTING, at("n1", T0).status());
        model.pxeAnswered("n1");
        assertEquals(NodeStatus.BOOT_LOOP, at("n1", T0).status());
        model.dhcpDiscover("n1");
        model.imageServed("n1");
        assertEquals(NodeStatus.BOOT_LOOP, at("n1", T0).status());
    }

    @Test
    void heartbeatWithNewBootIdStartsCountingAnswersAgain() {
        model.registered("n1", BootSequence.PXE);
        model.pxeAnswered("n1");
        model.pxeAnswered("n1");
        model.heartbeat("n1", "boot-a", 2, T0);
        model.pxeAnswered("n1");
        model.pxeAnswered("n1");
        assertEquals(NodeStatus.NETBOOTING, at("n1", T0).status());
    }

    @Test
    void reprovisionWithWipeSetsPxeAndPublishesOneGeneration() {
        model.registered("n1", BootSequence.PXE_LOCAL);
        model.pxeAnswered("n1");
        model.heartbeat("n1", "boot-a", 2, T0);
        model.reprovision("n1", true);
        Expectation e = at("n1", T0);
        assertEquals(BootStage.PXE, e.stage());
        assertTrue(e.wipe());
        assertEquals(3, e.generation());
        model.installComplete("n1", "installer-1");
        assertTrue(at("n1", T0).wipe(), "no install in progress yet: the report changes nothing");
        model.pxeAnswered("n1");
        model.installComplete("n1", "boot-a");
        assertTrue(at("n1", T0).wipe(), "a report from the boot that was up is not the installer's");
        model.installComplete("n1", "installer-1");
        assertFalse(at("n1", T0).wipe());
        assertEquals(5, at("n1", T0).generation());
    }

    @Test
    void reprovisionOfANodeAlreadyAtPxePublishesNothing() {
        model.registered("n1", BootSequence.PXE);
        model.reprovision("n1", false);
        assertEquals(1, at("n1", T0).generation());
    }

    @Test
    void reprovisionClearsBootLoop() {
        model.registered("n1", BootSequence.PXE);
        for (int i = 0; i < 3; i++) {
            model.pxeAnswered("n1");
        }
        model.reprovision("n1", false);
        assertEquals(NodeStatus.REGISTERED, at("n1", T0).status());
    }

    @Test
    void silentNodeIsStaleAfterThreeIntervalsAndDownAfterTen() {
        model.registered("n1", BootSequence.PXE);
        model.heartbeat("n1", "boot-a", 2, T0);
        assertEquals(NodeStatus.UP, at("n1", T0.plusSeconds(5)).status());
        assertEquals(NodeStatus.STALE, at("n1", T0.plusSeconds(6)).status());
        assertEquals(NodeStatus.STALE, at("n1", T0.plusSeconds(19)).status());
        assertEquals(NodeStatus.DOWN, at("n1", T0.plusSeconds(20)).status());
    }

    @Test
    void dhcpReleaseIsDownAndRenewalsOfARunningNodeChangeNothing() {
        model.registered("n1", BootSequence.PXE);
        model.heartbeat("n1", "boot-a", 2, T0);
        model.dhcpRequest("n1");
        assertEquals(NodeStatus.UP, at("n1", T0).status());
        model.dhcpRelease("n1");
        assertEquals(NodeStatus.DOWN, at("n1", T0).status());
        model.dhcpRequest("n1");
        assertEquals(NodeStatus.DHCP, at("n1", T0).status());
    }

    @Test
    void removedNodeHasNoExpectationAndUnregisteredNodeIsASimulatorBug() {
        model.registered("n1", BootSequence.PXE);
        model.removed("n1");
        assertTrue(model.expectations(T0).isEmpty());
        assertThrows(IllegalStateException.class, () -> model.dhcpDiscover("n1"));
    }
}
