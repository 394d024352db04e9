package io.pxeflow.controller.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.protocol.field.BootFiles;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.StagePolicy;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random input sequences against {@link ReferenceNode}, a second, deliberately naive writing of
 * issue #3's rules. After every step stage, wipe flag and status must agree; jqwik shrinks a
 * divergence to the shortest sequence that shows it.
 */
class NodeStateMachinePropertyTest {
    private static final NodeStateMachine MACHINE = new NodeStateMachine(ControllerPolicy.defaults());
    private static final String[] BOOT_IDS = {"boot-a", "boot-b", "boot-c"};
    /** Seconds between inputs: around the stale (15 s), down (50 s) and boot-loop (900 s) thresholds. */
    private static final int[] GAPS = {1, 4, 14, 16, 49, 51, 300, 901};

    /** One input, and the time that passes before it. */
    sealed interface Step {
        int gap();
    }

    record Dhcp(int gap, DhcpMessageType type) implements Step {
    }

    record ConfigServed(int gap) implements Step {
    }

    record IpxeAnswer(int gap, boolean netboot) implements Step {
    }

    record KernelFetched(int gap) implements Step {
    }

    record Beat(int gap, String bootId) implements Step {
    }

    record Tick(int gap) implements Step {
    }

    record Reprovision(int gap, boolean wipe) implements Step {
    }

    record SetStage(int gap, BootStage stage) implements Step {
    }

    record Wipe(int gap) implements Step {
    }

    record InstallComplete(int gap) implements Step {
    }

    record Scenario(BootSequence sequence, StagePolicy policy, List<Step> steps) {
    }

    @Property(tries = 600)
    void stateMachineAgreesWithTheReferenceModel(@ForAll("scenarios") Scenario scenario) {
        ClassSpec cls = scenario.policy() == StagePolicy.ON_INSTALL_COMPLETE ? Nodes.CENTOS_WAIT : Nodes.CENTOS;
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        NodeState state = MACHINE.apply(null, new NodeInput.Cmd(Nodes.put(Nodes.node15(cls, scenario.sequence()), null, now)),
            now).state();
        ReferenceNode model = new ReferenceNode(scenario.sequence(), scenario.policy());
        int i = 0;
        for (Step step : scenario.steps()) {
            now = now.plusSeconds(step.gap());
            state = MACHINE.apply(Node.of(state), input(step, now, model), now).state();
            i++;
            String where = "after step " + i + " (" + step + ")";
            assertEquals(model.stage, state.stage(), "stage " + where);
            assertEquals(model.wipe, state.wipe(), "wipe " + where);
            assertEquals(model.status, state.status(), "status " + where);
        }
    }

    /** Applies {@code step} to the model and returns the same input for the state machine. */
    private static NodeInput input(Step step, Instant now, ReferenceNode model) {
        if (step instanceof Dhcp d) {
            model.dhcp(d.type());
            return new NodeInput.Dhcp(Nodes.dhcp(d.type(), now));
        }
        if (step instanceof ConfigServed) {
            model.configServed(now);
            return new NodeInput.Pxe(Nodes.pxelinuxConfig(now));
        }
        if (step instanceof IpxeAnswer a) {
            model.answered(a.netboot(), now);
            return new NodeInput.Pxe(Nodes.ipxe(a.netboot() ? BootFiles.IPXE_ANSWER_NETBOOT
                : BootFiles.IPXE_ANSWER_LOCAL, now));
        }
        if (step instanceof KernelFetched) {
            model.kernelFetched();
            return new NodeInput.Pxe(Nodes.tftp(Nodes.CENTOS.kernel(), now));
        }
        if (step instanceof Beat b) {
            model.heartbeat(b.bootId(), now);
            return new NodeInput.Beat(Nodes.heartbeat(b.bootId(), now));
        }
        if (step instanceof Tick) {
            model.tick(now);
            return new NodeInput.Tick(null);
        }
        if (step instanceof Reprovision r) {
            model.reprovision(r.wipe());
            return new NodeInput.Cmd(new Command.Reprovision("node15", Nodes.meta(now), r.wipe()));
        }
        if (step instanceof SetStage s) {
            model.setStage(s.stage());
            return new NodeInput.Cmd(new Command.SetStage("node15", Nodes.meta(now), s.stage()));
        }
        if (step instanceof Wipe) {
            model.wipeRequested();
            return new NodeInput.Cmd(new Command.Wipe("node15", Nodes.meta(now)));
        }
        model.installComplete();
        return new NodeInput.Cmd(new Command.InstallComplete("node15", Nodes.meta(now)));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Integer> gap = Arbitraries.of(GAPS[0], GAPS[1], GAPS[2], GAPS[3], GAPS[4], GAPS[5], GAPS[6], GAPS[7]);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Combinators.combine(gap, Arbitraries.of(DhcpMessageType.DISCOVER,
                DhcpMessageType.REQUEST, DhcpMessageType.ACK, DhcpMessageType.RELEASE)).as(Dhcp::new)),
            net.jqwik.api.Tuple.of(3, gap.map(ConfigServed::new)),
            net.jqwik.api.Tuple.of(2, Combinators.combine(gap, Arbitraries.of(true, false)).as(IpxeAnswer::new)),
            net.jqwik.api.Tuple.of(2, gap.map(KernelFetched::new)),
            net.jqwik.api.Tuple.of(4, Combinators.combine(gap, Arbitraries.of(BOOT_IDS)).as(Beat::new)),
            net.jqwik.api.Tuple.of(3, gap.map(Tick::new)),
            net.jqwik.api.Tuple.of(2, Combinators.combine(gap, Arbitraries.of(true, false)).as(Reprovision::new)),
            net.jqwik.api.Tuple.of(1, Combinators.combine(gap, Arbitraries.of(BootStage.PXE, BootStage.LOCAL))
                .as(SetStage::new)),
            net.jqwik.api.Tuple.of(1, gap.map(Wipe::new)),
            net.jqwik.api.Tuple.of(1, gap.map(InstallComplete::new)));
        return Combinators.combine(
                Arbitraries.of(BootSequence.PXE_LOCAL, BootSequence.PXE, BootSequence.LOCAL),
                Arbitraries.of(StagePolicy.ON_PXE_SERVED, StagePolicy.ON_INSTALL_COMPLETE),
                step.list().ofMinSize(1).ofMaxSize(40))
            .as(Scenario::new);
    }
}
