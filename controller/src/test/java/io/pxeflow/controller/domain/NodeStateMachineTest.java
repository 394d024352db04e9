package io.pxeflow.controller.domain;

import static io.pxeflow.controller.domain.Nodes.CENTOS;
import static io.pxeflow.controller.domain.Nodes.CENTOS_WAIT;
import static io.pxeflow.controller.domain.Nodes.SCYLD;
import static io.pxeflow.controller.domain.Nodes.node15;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.field.BootFiles;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.ConfigApplied;
import io.pxeflow.protocol.message.ConfigOutcome;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per transition of the boot model; the clock is a plain Instant moved by hand. */
class NodeStateMachineTest {
    private final NodeStateMachine machine = new NodeStateMachine(ControllerPolicy.defaults());
    private Instant now = Instant.parse("2026-11-23T10:00:00Z");

    private NodeState added(io.pxeflow.protocol.message.ClassSpec c, BootSequence seq, BootStage stage) {
        return machine.apply(null, new NodeInput.Cmd(Nodes.put(node15(c, seq), stage, now)), now).state();
    }

    private Transition step(NodeState s, NodeInput in) {
        now = now.plusSeconds(1);
        return machine.apply(Node.of(s), in, now);
    }

    private static List<LifecycleKind> kinds(Transition t) {
        return t.events().stream().map(e -> e.kind()).toList();
    }

    @Test
    void addNode_registersAtFirstStageOfSequenceAndPublishesGenerationOne() {
        Transition t = machine.apply(null, new NodeInput.Cmd(Nodes.put(node15(CENTOS, BootSequence.PXE_LOCAL), null, now)), now);
        assertEquals(BootStage.PXE, t.state().stage());
        assertEquals(NodeStatus.REGISTERED, t.state().status());
        assertTrue(t.durable());
        assertEquals(1, t.publish().generation());
        assertTrue(kinds(t).contains(LifecycleKind.NODE_ADDED));
        NodeState local = machine.apply(null, new NodeInput.Cmd(Nodes.put(node15(CENTOS, BootSequence.LOCAL), null, now)), now).state();
        assertEquals(BootStage.LOCAL, local.stage());
    }

    @Test
    void pxeLocalAtPxe_dhcpAloneDoesNotFlipTheStage() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.PXE);
        Transition t = step(s, new NodeInput.Dhcp(Nodes.dhcp(DhcpMessageType.DISCOVER, now)));
        t = step(t.state(), new NodeInput.Dhcp(Nodes.dhcp(DhcpMessageType.ACK, now)));
        assertEquals(BootStage.PXE, t.state().stage());
        assertEquals(NodeStatus.DHCP, t.state().status());
        assertEquals(Nodes.IP, t.state().leasedIp());
        assertNull(t.publish(), "no boot config change before the PXE answer is served");
    }

    @Test
    void pxeLocalAtPxe_configServed_flipsToLocalAndPublishesNewConfig() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.PXE);
        Transition t = step(s, new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        assertEquals(BootStage.LOCAL, t.state().stage());
        assertEquals(NodeStatus.NETBOOTING, t.state().status());
        assertNotNull(t.publish());
        assertEquals(BootStage.LOCAL, t.publish().stage());
        assertEquals(2, t.publish().generation());
        assertTrue(kinds(t).containsAll(List.of(LifecycleKind.STAGE_CHANGED, LifecycleKind.STATUS_CHANGED)));
    }

    @Test
    void pxeLocalAtPxe_ipxeEndpointNetbootAnswer_flipsToLocal() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.PXE);
        Transition t = step(s, new NodeInput.Pxe(Nodes.ipxe(BootFiles.IPXE_ANSWER_NETBOOT, now)));
        assertEquals(BootStage.LOCAL, t.state().stage());
    }

    @Test
    void pxeLocalAtPxe_ipxeEndpointLocalAnswer_doesNotFlip() {
        // The endpoint answered "boot next" (it raced with a reprovision): nothing was installed.
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.PXE);
        Transition t = step(s, new NodeInput.Pxe(Nodes.ipxe(BootFiles.IPXE_ANSWER_LOCAL, now)));
        assertEquals(BootStage.PXE, t.state().stage());
        assertEquals(NodeStatus.BOOTING, t.state().status());
    }

    @Test
    void pxeLocalAtPxe_bootloaderFetchAlone_doesNotFlip() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.PXE);
        Transition t = step(s, new NodeInput.Pxe(Nodes.tftp("pxelinux.0", now)));
        assertEquals(BootStage.PXE, t.state().stage());
        assertFalse(t.durable());
    }

    @Test
    void onInstallCompletePolicy_configServed_keepsPxeUntilInstallComplete() {
        NodeState s = added(CENTOS_WAIT, BootSequence.PXE_LOCAL, BootStage.PXE);
        Transition t = step(s, new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        assertEquals(BootStage.PXE, t.state().stage());
        t = step(t.state(), new NodeInput.Cmd(new Command.InstallComplete("node15", Nodes.meta(now))));
        assertEquals(BootStage.LOCAL, t.state().stage());
        assertTrue(kinds(t).contains(LifecycleKind.INSTALL_COMPLETE));
    }

    @Test
    void installerReport_duringTheInstall_fromTheInstallersBoot_completesIt() {
        NodeState s = added(CENTOS_WAIT, BootSequence.PXE_LOCAL, BootStage.PXE);
        NodeState up = step(s, new NodeInput.Beat(Nodes.heartbeat("boot-os", now))).state();
        Transition t = step(up, new NodeInput.Cmd(new Command.Wipe("node15", Nodes.meta(now))));
        t = step(t.state(), new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        assertEquals(now, t.state().installServed(), "the installer was served: an install is in progress");
        t = step(t.state(), new NodeInput.Installed(InstallReport.of("node15", "boot-installer", now, "install-1")));
        assertEquals(BootStage.LOCAL, t.state().stage(), "the class advances when its install completes");
        assertFalse(t.state().wipe());
        assertNull(t.state().installServed());
        assertTrue(kinds(t).contains(LifecycleKind.INSTALL_COMPLETE));
        assertEquals("install-1", t.events().get(0).requestId());
    }

    @Test
    void installerReport_withNoInstallInProgress_isRejected_andChangesNothing() {
        NodeState s = added(CENTOS_WAIT, BootSequence.PXE_LOCAL, BootStage.PXE);
        Transition t = step(s, new NodeInput.Installed(InstallReport.of("node15", "boot-x", now, "install-1")));
        assertFalse(t.durable());
        assertEquals(s, t.state());
        assertEquals(List.of(LifecycleKind.COMMAND_REJECTED), kinds(t));
        assertTrue(t.events().get(0).detail().contains("no install in progress"), t.events().get(0).detail());
    }

    @Test
    void installerReport_fromTheBootThatWasUpWhenTheInstallerWasServed_isRejected() {
        NodeState s = added(CENTOS_WAIT, BootSequence.PXE_LOCAL, BootStage.PXE);
        NodeState up = step(s, new NodeInput.Beat(Nodes.heartbeat("boot-os", now))).state();
        Transition t = step(up, new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        t = step(t.state(), new NodeInput.Installed(InstallReport.of("node15", "boot-os", now, null)));
        assertEquals(BootStage.PXE, t.state().stage());
        assertEquals(List.of(LifecycleKind.COMMAND_REJECTED), kinds(t));
    }

    @Test
    void installerReport_afterTheNodeCameUpAgain_isRejected_theInstallIsOver() {
        NodeState s = added(CENTOS_WAIT, BootSequence.PXE_LOCAL, BootStage.PXE);
        Transition t = step(s, new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        t = step(t.state(), new NodeInput.Beat(Nodes.heartbeat("boot-new", now)));
        assertNull(t.state().installServed());
        t = step(t.state(), new NodeInput.Installed(InstallReport.of("node15", "boot-installer", now, null)));
        assertEquals(BootStage.PXE, t.state().stage());
        assertEquals(List.of(LifecycleKind.COMMAND_REJECTED), kinds(t));
    }

    @Test
    void diskless_pxePxe_staysPxeOnEveryAnswer() {
        NodeState s = added(SCYLD, BootSequence.PXE, BootStage.PXE);
        Transition t = step(s, new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        assertEquals(BootStage.PXE, t.state().stage());
        assertEquals(NodeStatus.NETBOOTING, t.state().status());
        t = step(t.state(), new NodeInput.Beat(Nodes.heartbeat("boot-1", now)));
        t = step(t.state(), new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        assertEquals(BootStage.PXE, t.state().stage());
    }

    @Test
    void stageLocal_answerIsBootNext_statusBooting() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.LOCAL);
        Transition t = step(s, new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        assertEquals(BootStage.LOCAL, t.state().stage());
        assertEquals(NodeStatus.BOOTING, t.state().status());
        assertNull(t.publish());
    }

    @Test
    void reprovision_flipsLocalBackToPxe() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.LOCAL);
        Transition t = step(s, new NodeInput.Cmd(new Command.Reprovision("node15", Nodes.meta(now), false)));
        assertEquals(BootStage.PXE, t.state().stage());
        assertFalse(t.state().wipe());
        assertNotNull(t.publish());
        assertTrue(kinds(t).contains(LifecycleKind.REPROVISION));
    }

    @Test
    void reprovision_lateReportOfAFetchServedBeforeIt_doesNotFlipBack() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.LOCAL);
        Instant fetchedLocalFile = now.plusMillis(500);
        Transition t = step(s, new NodeInput.Cmd(new Command.Reprovision("node15", Nodes.meta(now), false)));
        // The bridge's report of the boot-next fetch arrives after the reprovision landed.
        t = step(t.state(), new NodeInput.Pxe(Nodes.pxelinuxConfig(fetchedLocalFile)));
        assertEquals(BootStage.PXE, t.state().stage(), "what was served then was the local-boot file");
        assertEquals(NodeStatus.BOOTING, t.state().status());
        assertNull(t.publish());
        t = step(t.state(), new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        assertEquals(BootStage.LOCAL, t.state().stage(), "a fetch after the reprovision was the installer");
    }

    @Test
    void reprovision_aLogLineStampedWithTheSecondOfTheReprovision_mayBeAfterItAndFlips() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.LOCAL);
        now = now.plusMillis(400);
        Transition t = step(s, new NodeInput.Cmd(new Command.Reprovision("node15", Nodes.meta(now), false)));
        Instant loggedSecond = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        t = step(t.state(), new NodeInput.Pxe(Nodes.pxelinuxConfig(loggedSecond)));
        assertEquals(BootStage.LOCAL, t.state().stage(), "a whole-second stamp covers the reprovision's moment");
    }

    @Test
    void reprovisionWithWipe_configCarriesWipeUntilInstallComplete() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.LOCAL);
        Transition t = step(s, new NodeInput.Cmd(new Command.Reprovision("node15", Nodes.meta(now), true)));
        assertTrue(t.publish().wipe());
        t = step(t.state(), new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        assertTrue(t.state().wipe(), "the flag stays while the install runs");
        t = step(t.state(), new NodeInput.Cmd(new Command.InstallComplete("node15", Nodes.meta(now))));
        assertFalse(t.state().wipe());
        assertFalse(t.publish().wipe());
    }

    @Test
    void wipe_clearedWhenTheNetbootCarryingItComesUp() {
        NodeState s = added(SCYLD, BootSequence.PXE, BootStage.PXE);
        Transition t = step(s, new NodeInput.Cmd(new Command.Wipe("node15", Nodes.meta(now))));
        assertTrue(t.state().wipe());
        t = step(t.state(), new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        t = step(t.state(), new NodeInput.Beat(Nodes.heartbeat("boot-2", now)));
        assertFalse(t.state().wipe());
    }

    /** Found by NodeStateMachinePropertyTest: the flag used to be dropped by a boot that never carried it. */
    @Test
    void wipe_requestedAfterTheNetboot_survivesThatBootComingUp() {
        NodeState s = added(SCYLD, BootSequence.PXE, BootStage.PXE);
        Transition t = step(s, new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        t = step(t.state(), new NodeInput.Cmd(new Command.Wipe("node15", Nodes.meta(now))));
        t = step(t.state(), new NodeInput.Beat(Nodes.heartbeat("boot-2", now)));
        assertTrue(t.state().wipe(), "the boot now up was served before the wipe was asked for");
        t = step(t.state(), new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        t = step(t.state(), new NodeInput.Beat(Nodes.heartbeat("boot-3", now)));
        assertFalse(t.state().wipe(), "the next netboot carried it");
    }

    @Test
    void wipe_bootNextAnswer_doesNotCarryIt() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.LOCAL);
        Transition t = step(s, new NodeInput.Cmd(new Command.Wipe("node15", Nodes.meta(now))));
        t = step(t.state(), new NodeInput.Pxe(Nodes.ipxe(BootFiles.IPXE_ANSWER_LOCAL, now)));
        t = step(t.state(), new NodeInput.Beat(Nodes.heartbeat("boot-2", now)));
        assertTrue(t.state().wipe(), "a node told to boot its disk ran no installer");
        assertNull(t.publish(), "nothing to republish");
    }

    @Test
    void fullBoot_registeredDhcpNetbootingBootingUp() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.PXE);
        Transition t = step(s, new NodeInput.Dhcp(Nodes.dhcp(DhcpMessageType.DISCOVER, now)));
        assertEquals(NodeStatus.DHCP, t.state().status());
        t = step(t.state(), new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        assertEquals(NodeStatus.NETBOOTING, t.state().status());
        t = step(t.state(), new NodeInput.Pxe(Nodes.tftp("/var/beowulf/boot/vmlinuz-centos5u4_amd64", now)));
        assertEquals(NodeStatus.BOOTING, t.state().status());
        t = step(t.state(), new NodeInput.Beat(Nodes.heartbeat("boot-1", now)));
        assertEquals(NodeStatus.UP, t.state().status());
        assertEquals("boot-1", t.state().bootId());
        assertTrue(t.state().pxeAnswers().isEmpty());
    }

    @Test
    void up_heartbeatWithSameBootId_isNotDurable() {
        NodeState s = added(SCYLD, BootSequence.PXE, BootStage.PXE);
        NodeState up = step(s, new NodeInput.Beat(Nodes.heartbeat("boot-1", now))).state();
        Transition t = step(up, new NodeInput.Beat(Nodes.heartbeat("boot-1", now)));
        assertFalse(t.durable(), "a routine heartbeat costs no state-topic write");
        assertTrue(t.events().isEmpty());
        assertEquals(now, t.state().lastHeartbeat());
    }

    @Test
    void up_newBootId_isRebootEvent() {
        NodeState s = added(SCYLD, BootSequence.PXE, BootStage.PXE);
        NodeState up = step(s, new NodeInput.Beat(Nodes.heartbeat("boot-1", now))).state();
        Transition t = step(up, new NodeInput.Beat(Nodes.heartbeat("boot-2", now)));
        assertTrue(t.durable());
        assertTrue(kinds(t).contains(LifecycleKind.REBOOTED));
        assertEquals("boot-2", t.state().bootId());
    }

    @Test
    void up_silentForThreeIntervals_isStale_thenTenIsDown_thenHeartbeatIsUp() {
        NodeState s = added(SCYLD, BootSequence.PXE, BootStage.PXE);
        NodeState up = step(s, new NodeInput.Beat(Nodes.heartbeat("boot-1", now))).state();
        Instant beat = now;
        assertEquals(beat.plusSeconds(15), machine.nextLivenessCheck(Node.of(up), null));
        NodeState same = machine.apply(Node.of(up), new NodeInput.Tick(null), beat.plusSeconds(14)).state();
        assertEquals(NodeStatus.UP, same.status());
        Transition stale = machine.apply(Node.of(up), new NodeInput.Tick(null), beat.plusSeconds(15));
        assertEquals(NodeStatus.STALE, stale.state().status());
        assertTrue(stale.durable());
        Transition down = machine.apply(Node.of(stale.state()), new NodeInput.Tick(null), beat.plusSeconds(50));
        assertEquals(NodeStatus.DOWN, down.state().status());
        now = beat.plusSeconds(60);
        Transition back = step(down.state(), new NodeInput.Beat(Nodes.heartbeat("boot-1", now)));
        assertEquals(NodeStatus.UP, back.state().status());
        assertFalse(kinds(back).contains(LifecycleKind.REBOOTED));
    }

    @Test
    void restart_aliveFloorGivesUpNodesAGracePeriod() {
        NodeState s = added(SCYLD, BootSequence.PXE, BootStage.PXE);
        NodeState up = step(s, new NodeInput.Beat(Nodes.heartbeat("boot-1", now))).state();
        Instant restart = now.plus(Duration.ofMinutes(10));
        Transition t = machine.apply(Node.of(up), new NodeInput.Tick(restart), restart.plusSeconds(5));
        assertEquals(NodeStatus.UP, t.state().status(), "a restarted controller does not declare everything stale");
        assertEquals(NodeStatus.STALE, machine.apply(Node.of(up), new NodeInput.Tick(restart), restart.plusSeconds(15)).state().status());
    }

    @Test
    void dhcpRelease_isDown() {
        NodeState s = added(SCYLD, BootSequence.PXE, BootStage.PXE);
        NodeState up = step(s, new NodeInput.Beat(Nodes.heartbeat("boot-1", now))).state();
        Transition t = step(up, new NodeInput.Dhcp(Nodes.dhcp(DhcpMessageType.RELEASE, now)));
        assertEquals(NodeStatus.DOWN, t.state().status());
    }

    @Test
    void up_dhcpRenewal_keepsUp() {
        NodeState s = added(SCYLD, BootSequence.PXE, BootStage.PXE);
        NodeState up = step(s, new NodeInput.Beat(Nodes.heartbeat("boot-1", now))).state();
        Transition t = step(up, new NodeInput.Dhcp(Nodes.dhcp(DhcpMessageType.REQUEST, now)));
        assertEquals(NodeStatus.UP, t.state().status());
    }

    @Test
    void threePxeAnswersWithinFifteenMinutesWithoutUp_isBootLoop() {
        NodeState s = added(SCYLD, BootSequence.PXE, BootStage.PXE);
        Transition t = step(s, new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        now = now.plus(Duration.ofMinutes(5));
        t = step(t.state(), new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        assertEquals(NodeStatus.NETBOOTING, t.state().status());
        now = now.plus(Duration.ofMinutes(5));
        t = step(t.state(), new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        assertEquals(NodeStatus.BOOT_LOOP, t.state().status());
        assertTrue(kinds(t).contains(LifecycleKind.BOOT_LOOP));
        t = step(t.state(), new NodeInput.Beat(Nodes.heartbeat("boot-9", now)));
        assertEquals(NodeStatus.UP, t.state().status(), "reaching up ends the loop");
    }

    @Test
    void pxeAnswersSpreadBeyondTheWindow_areNotBootLoop() {
        NodeState s = added(SCYLD, BootSequence.PXE, BootStage.PXE);
        Transition t = step(s, new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        for (int i = 0; i < 3; i++) {
            now = now.plus(Duration.ofMinutes(16));
            t = step(t.state(), new NodeInput.Pxe(Nodes.pxelinuxConfig(now)));
        }
        assertEquals(NodeStatus.NETBOOTING, t.state().status());
    }

    @Test
    void setStage_setClass_publishNewConfig() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.PXE);
        Transition t = step(s, new NodeInput.Cmd(new Command.SetStage("node15", Nodes.meta(now), BootStage.LOCAL)));
        assertEquals(BootStage.LOCAL, t.publish().stage());
        t = step(t.state(), new NodeInput.Cmd(new Command.SetClass("node15", Nodes.meta(now), SCYLD)));
        assertEquals("scyld", t.publish().bootClass().name());
        assertEquals(3, t.publish().generation());
    }

    @Test
    void removeNode_tombstonesStateAndConfig() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.PXE);
        Transition t = step(s, new NodeInput.Cmd(new Command.RemoveNode("node15", Nodes.meta(now))));
        assertTrue(t.removed());
        assertTrue(t.removeConfig());
        assertEquals(List.of(LifecycleKind.NODE_REMOVED), kinds(t));
    }

    @Test
    void commandForUnknownNode_isRejectedWithItsRequestId() {
        Command.Reprovision r = new Command.Reprovision("node99", Nodes.meta(now), false);
        Transition t = machine.apply(null, new NodeInput.Cmd(r), now);
        assertNull(t.state());
        assertEquals(LifecycleKind.COMMAND_REJECTED, t.events().get(0).kind());
        assertEquals(r.meta().requestId(), t.events().get(0).requestId());
    }

    @Test
    void redeliveredCommand_isAppliedOnce() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.LOCAL);
        Command.Reprovision r = new Command.Reprovision("node15", Nodes.meta(now), false);
        Transition first = step(s, new NodeInput.Cmd(r));
        Transition again = step(first.state(), new NodeInput.Cmd(r));
        assertFalse(again.durable());
        assertNull(again.publish());
        assertTrue(again.events().isEmpty());
    }

    @Test
    void configApplied_recordsGeneratorAndAnnouncesLatestGeneration() {
        NodeState s = added(CENTOS, BootSequence.PXE_LOCAL, BootStage.PXE);
        assertFalse(s.configApplied());
        Transition t = step(s, new NodeInput.Applied(new ConfigApplied("gen-a", "node15", 1, ConfigOutcome.APPLIED, null, now)));
        assertTrue(t.state().configApplied());
        assertEquals(1L, t.state().appliedBy().get("gen-a"));
        assertTrue(kinds(t).contains(LifecycleKind.CONFIG_APPLIED));
        Transition old = step(t.state(), new NodeInput.Applied(new ConfigApplied("gen-a", "node15", 1, ConfigOutcome.APPLIED, null, now)));
        assertFalse(old.durable(), "a repeated acknowledgement changes nothing");
    }

    @Test
    void eventsForRemovedNode_areIgnored() {
        Transition t = machine.apply(null, new NodeInput.Beat(Nodes.heartbeat("b", now)), now);
        assertNull(t.state());
        assertTrue(t.events().isEmpty());
    }
}
