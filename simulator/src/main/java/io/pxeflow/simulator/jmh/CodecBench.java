package io.pxeflow.simulator.jmh;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.simulator.Fleet;
import io.pxeflow.simulator.Scenario;
import io.pxeflow.simulator.SimNode;
import io.pxeflow.simulator.Wire;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

/** The protocol codecs on the messages the controller reads and writes most. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBench {
    /** The data-binding path every other type takes: the baseline for the heartbeat's streaming reader. */
    private static final Codec<Heartbeat> BOUND_HEARTBEAT = new Codec<>(Heartbeat.class);
    private Heartbeat heartbeat;
    private byte[] heartbeatBytes;
    private PxeEvent pxe;
    private byte[] pxeBytes;
    private Command command;
    private byte[] commandBytes;
    private NodeState state;
    private byte[] stateBytes;

    @Setup
    public void setUp() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        SimNode n = Fleet.build(1, Scenario.BOOT_STORM, 1).get(0);
        NodeSpec spec = n.spec(Fleet.BOOT_CLASS);
        heartbeat = Wire.heartbeat(n.name(), "0b9f4a52-2a3f-4c7e-9d0e-6f1c0b7f1a11", 42, 5, now);
        heartbeatBytes = Codec.HEARTBEAT.encode(heartbeat);
        pxe = Wire.tftp(n.mac(), n.ip(), Wire.pxelinuxConfig(n.mac()), 400, now);
        pxeBytes = Codec.PXE.encode(pxe);
        command = new Command.PutNode(n.name(), Wire.meta(now), spec, null);
        commandBytes = Codec.COMMAND.encode(command);
        state = NodeState.builder(spec, BootStage.LOCAL, now).stageSince(null).status(NodeStatus.UP).bootId("boot-1")
            .lastHeartbeat(now).heartbeatSeconds(5).leasedIp(n.ip()).pxeAnswers(List.of(now)).generation(3)
            .appliedBy(Map.of("generator-1", 3L)).lastRequestId("req-1").updated(now).build();
        stateBytes = Codec.NODE_STATE.encode(state);
    }

    @Benchmark
    public byte[] encodeHeartbeat() {
        return Codec.HEARTBEAT.encode(heartbeat);
    }

    @Benchmark
    public Decoded<Heartbeat> decodeHeartbeat() {
        return Codec.HEARTBEAT.decode(heartbeatBytes);
    }

    @Benchmark
    public Decoded<Heartbeat> decodeHeartbeatByDataBinding() {
        return BOUND_HEARTBEAT.decode(heartbeatBytes);
    }

    @Benchmark
    public Decoded<PxeEvent> decodePxeEvent() {
        return Codec.PXE.decode(pxeBytes);
    }

    @Benchmark
    public byte[] encodePutNode() {
        return Codec.COMMAND.encode(command);
    }

    @Benchmark
    public Decoded<Command> decodePutNode() {
        return Codec.COMMAND.decode(commandBytes);
    }

    @Benchmark
    public byte[] encodeNodeState() {
        return Codec.NODE_STATE.encode(state);
    }

    @Benchmark
    public Decoded<NodeState> decodeNodeState() {
        return Codec.NODE_STATE.decode(stateBytes);
    }
}
