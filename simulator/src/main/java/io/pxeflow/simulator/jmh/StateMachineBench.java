package io.pxeflow.simulator.jmh;

import io.pxeflow.controller.domain.ControllerPolicy;
import io.pxeflow.controller.domain.NodeInput;
import io.pxeflow.controller.domain.Node;
import io.pxeflow.controller.domain.NodeStateMachine;
import io.pxeflow.controller.domain.Transition;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.simulator.Fleet;
import io.pxeflow.simulator.Scenario;
import io.pxeflow.simulator.SimNode;
import io.pxeflow.simulator.Wire;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@code NodeStateMachine.apply} on the inputs that dominate a running cluster and a boot storm. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StateMachineBench {
    private final NodeStateMachine machine = new NodeStateMachine(ControllerPolicy.defaults());
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private Node registered;
    private Node up;
    private NodeInput sameBootHeartbeat;
    private NodeInput pxeAnswer;
    private NodeInput discover;

    @Setup
    public void setUp() {
        SimNode n = Fleet.build(1, Scenario.BOOT_STORM, 1).get(0);
        registered = machine.apply(null, new NodeInput.Cmd(new Command.PutNode(n.name(), Wire.meta(now),
            n.spec(Fleet.BOOT_CLASS), null)), now).node();
        sameBootHeartbeat = new NodeInput.Beat(Wire.heartbeat(n.name(), "boot-1", 2, 2, now));
        up = machine.apply(registered, sameBootHeartbeat, now).node();
        pxeAnswer = new NodeInput.Pxe(Wire.tftp(n.mac(), n.ip(), Wire.pxelinuxConfig(n.mac()), 400, now));
        discover = new NodeInput.Dhcp(Wire.dhcp(DhcpMessageType.DISCOVER, n.mac(), null, now));
    }

    /** The hot path: a heartbeat that changes nothing durable. */
    @Benchmark
    public Transition heartbeatOfUpNode() {
        return machine.apply(up, sameBootHeartbeat, now.plusSeconds(2));
    }

    /** The boot storm's transition: the PXE answer that flips a pxe+local node and publishes its config. */
    @Benchmark
    public Transition pxeAnswerFlipsStage() {
        return machine.apply(registered, pxeAnswer, now);
    }

    @Benchmark
    public Transition dhcpDiscover() {
        return machine.apply(up, discover, now);
    }
}
