package io.pxeflow.simulator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.controller.domain.ControllerPolicy;
import io.pxeflow.controller.domain.Node;
import io.pxeflow.controller.domain.NodeInput;
import io.pxeflow.controller.domain.NodeStateMachine;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reference model is written apart from the controller's state machine; for any sequence of
 * what a node and its admin can do, both must land on the same stage, status, boot id, wipe flag
 * and generation. A failure here is a disagreement the simulator would report at scale.
 */
class ModelAgreesWithStateMachineProperties {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final MacAddress MAC = MacAddress.of("02:00:00:00:00:07");
    private static final Ipv4Address IP = Ipv4Address.parse("10.64.0.7");
    private static final ClassSpec CLASS = new ClassSpec("c", "/img/vmlinuz", "/img/initrd.img", "quiet", null, null, null,
        null);

    enum Step { DISCOVER, REQUEST, RELEASE, ANSWER, IMAGE, BEAT_SAME_BOOT, BEAT_NEW_BOOT, REPROVISION, REPROVISION_WIPE,
        INSTALLER_REPORT, REPORT_FROM_RUNNING_BOOT, INSTALL_COMPLETE_BY_ADMIN }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.of(Step.class).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<BootSequence> sequences() {
        return Arbitraries.of(BootSequence.PXE_LOCAL, BootSequence.PXE, BootSequence.LOCAL);
    }

    @Property(tries = 500)
    void modelAndMachineAgree(@ForAll("sequences") BootSequence sequence, @ForAll("steps") List<Step> steps) {
        NodeStateMachine machine = new NodeStateMachine(ControllerPolicy.defaults());
        ReferenceModel model = new ReferenceModel(ControllerPolicy.defaults());
        NodeSpec spec = new NodeSpec(7, "n7", List.of(MAC), IP, CLASS, null, sequence);
        Node node = machine.apply(null, new NodeInput.Cmd(new Command.PutNode("n7", meta(0), spec, null)), NOW).node();
        model.registered("n7", sequence);
        int boots = 0;
        int requests = 1;
        int installers = 0;
        for (Step s : steps) {
            NodeInput input;
            switch (s) {
                case DISCOVER -> {
                    model.dhcpDiscover("n7");
                    input = dhcp(DhcpMessageType.DISCOVER);
                }
                case REQUEST -> {
                    model.dhcpRequest("n7");
                    input = dhcp(DhcpMessageType.REQUEST);
                }
                case RELEASE -> {
                    model.dhcpRelease("n7");
                    input = dhcp(DhcpMessageType.RELEASE);
                }
                case ANSWER -> {
                    model.pxeAnswered("n7");
                    input = pxe("pxelinux.cfg/" + MAC.pxelinuxName());
                }
                case IMAGE -> {
                    model.imageServed("n7");
                    input = pxe("img/vmlinuz");
                }
                case BEAT_SAME_BOOT, BEAT_NEW_BOOT -> {
                    boots += s == Step.BEAT_NEW_BOOT || boots == 0 ? 1 : 0;
                    model.heartbeat("n7", "boot-" + boots, 2, NOW);
                    input = new NodeInput.Beat(new Heartbeat("n7", "boot-" + boots, 1, NOW, 2, null, null, null, null,
                        null, null, null, null, null, null, null, null, null, null, null));
                }
                case REPROVISION, REPROVISION_WIPE -> {
                    model.reprovision("n7", s == Step.REPROVISION_WIPE);
                    input = new NodeInput.Cmd(new Command.Reprovision("n7", meta(++requests), s == Step.REPROVISION_WIPE));
                }
                case INSTALLER_REPORT, REPORT_FROM_RUNNING_BOOT -> {
                    // The installer runs in a boot of its own; a report from the boot that was up is not its.
                    String boot = s == Step.INSTALLER_REPORT ? "installer-" + (++installers) : "boot-" + boots;
                    model.installComplete("n7", boot);
                    input = new NodeInput.Installed(InstallReport.of("n7", boot, NOW, null));
                }
                default -> {
                    model.installCompleteByAdmin("n7");
                    input = new NodeInput.Cmd(new Command.InstallComplete("n7", meta(++requests)));
                }
            }
            node = machine.apply(node, input, NOW).node();
        }
        NodeState state = node.record();
        Expectation e = model.expectations(NOW).get(0);
        assertEquals(e.stage(), state.stage(), "stage after " + steps);
        assertEquals(e.status(), state.status(), "status after " + steps);
        assertEquals(e.bootId(), state.bootId(), "boot id after " + steps);
        assertEquals(e.wipe(), state.wipe(), "wipe after " + steps);
        assertEquals(e.generation(), state.generation(), "generation after " + steps);
    }

    private static Command.Meta meta(int n) {
        return new Command.Meta("r" + n, "test", NOW);
    }

    private static NodeInput dhcp(DhcpMessageType type) {
        return new NodeInput.Dhcp(new DhcpEvent(type, MAC, IP, null, null, null, null, null, null, NOW));
    }

    private static NodeInput pxe(String path) {
        return new NodeInput.Pxe(new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, MAC, IP, path, 1L, null, NOW));
    }
}
