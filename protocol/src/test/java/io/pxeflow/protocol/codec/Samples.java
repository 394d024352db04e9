package io.pxeflow.protocol.codec;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Network;
import io.pxeflow.protocol.field.Ipv4Range;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.BootOverride;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.ConfigApplied;
import io.pxeflow.protocol.message.ConfigOutcome;
import io.pxeflow.protocol.message.DeadLetter;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.DiscoveredMac;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeBootConfig;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerFailure;
import io.pxeflow.protocol.message.PowerOutcome;
import io.pxeflow.protocol.message.PowerRequest;
import io.pxeflow.protocol.message.PowerResult;
import io.pxeflow.protocol.message.PowerState;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import io.pxeflow.protocol.message.StagePolicy;
import io.pxeflow.protocol.message.Subnet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic value of every wire type. */
final class Samples {
    static final Instant T = Instant.parse("2024-05-01T12:00:00.123456Z");
    static final MacAddress MAC = MacAddress.of("00:a0:d1:e5:c4:6e");
    static final MacAddress MAC2 = MacAddress.of("00:a0:d1:e5:c4:6f");
    static final Ipv4Address IP = Ipv4Address.parse("10.54.0.25");
    static final Command.Meta META = new Command.Meta("req-1", "admin@head", T);
    static final ClassSpec CENTOS = new ClassSpec("centos", "/boot/vmlinuz", "/boot/initrd.img",
        "initrd=initrd.img ks=nfs:10.54.0.1:/ks.cfg ksdevice=eth0 \"quoted\"", null, null, null, StagePolicy.ON_PXE_SERVED);
    static final ClassSpec SCYLD = new ClassSpec("scyld", "/images/vmlinuz", "none", "rw", "/images/rootfs",
        "/overlays", "head", StagePolicy.ON_INSTALL_COMPLETE, new BmcSpec(null, BmcProtocol.REDFISH, "rack1"));
    static final NodeSpec SPEC = new NodeSpec(15, "node15", List.of(MAC, MAC2), IP, CENTOS,
        new BootOverride("/boot/memtest", "none", null), BootSequence.PXE_LOCAL,
        new BmcSpec("10.55.0.15", null, null));
    static final BmcSpec BMC = new BmcSpec("bmc15.rack1:623", BmcProtocol.IPMI, "rack1");

    private Samples() {
    }

    static DhcpEvent dhcp() {
        return new DhcpEvent(DhcpMessageType.ACK, MAC, IP, "node15", "PXEClient:Arch:00007:UNDI:003016", "iPXE", 7,
            "eth1", "head", T);
    }

    static PxeEvent pxe() {
        return new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, MAC, IP, "pxelinux.cfg/01-00-a0-d1-e5-c4-6e", 512L,
            "head", T);
    }

    static Heartbeat heartbeat() {
        return new Heartbeat("node15", "3f1c-aa", 42, T, 5, "0.1.0", "5.14.0-362.el9.x86_64", 1234.5, 0.5, 0.25, 0.125,
            0.75, 0.01, 16, 64L << 30, 32L << 30, 0L, 0L,
            List.of(new Heartbeat.FilesystemUsage("/", "/dev/sda1", "xfs", 100L << 30, 40L << 30, 38L << 30)),
            List.of(new Heartbeat.InterfaceCounters("eth0", 1, 2, 3, 4, 0, 0)));
    }

    static List<Command> commands() {
        return List.of(
            new Command.PutNode("node15", META, SPEC, null),
            new Command.PutNode("node15", META, SPEC, BootStage.PXE),
            new Command.RemoveNode("node15", META),
            new Command.Reprovision("node15", META, true),
            new Command.SetStage("node15", META, BootStage.LOCAL),
            new Command.SetClass("node15", META, SCYLD),
            new Command.Wipe("node15", META),
            new Command.InstallComplete("node15", META));
    }

    static NodeBootConfig bootConfig() {
        return new NodeBootConfig("node15", 15, List.of(MAC, MAC2), IP, BootSequence.PXE_LOCAL, BootStage.PXE,
            SPEC.effectiveClass(), true, 7, T);
    }

    static HostReservation host() {
        return new HostReservation(MacAddress.of("00:a0:d1:e9:87:ca"), Ipv4Address.parse("10.54.0.200"),
            List.of("smartswitch", "sw"));
    }

    static ConfigApplied applied() {
        return new ConfigApplied("gen-rack1", "node15", 7, ConfigOutcome.APPLIED, null, T);
    }

    static LifecycleEvent event() {
        return new LifecycleEvent("node15", MAC, LifecycleKind.STAGE_CHANGED, "pxe", "local", "pxe answer served",
            "req-1", T);
    }

    static NodeState state() {
        return NodeState.builder(SPEC, BootStage.LOCAL, T).status(NodeStatus.UP).statusSince(T).bootId("3f1c-aa")
            .lastHeartbeat(T).heartbeatSeconds(5).leasedIp(IP).pxeAnswers(List.of(T, T.plusSeconds(60))).generation(7)
            .appliedBy(Map.of("gen-rack1", 7L)).lastRequestId("req-1").updated(T).installServed(T.plusSeconds(30)).build();
    }

    static InstallReport installReport() {
        return InstallReport.of("node15", "3f1c-bb", T, "install-1");
    }

    static DiscoveredMac discovered() {
        return new DiscoveredMac(MAC, T, T.plusSeconds(5), "PXEClient", 0, "eth1", IP, 3);
    }

    static DeadLetter deadLetter() {
        return new DeadLetter("pxeflow.dhcp", 2, 99L, "00:a0:d1:e5:c4:6e", "malformed", "{\"v\":1", T);
    }

    static PowerRequest powerRequest() {
        return new PowerRequest("req-7", "node15", PowerAction.CYCLE, true, BMC, "api (ctl)", T, T.plusSeconds(300));
    }

    static List<PowerResult> powerResults() {
        return List.of(
            new PowerResult("req-7", "node15", PowerAction.CYCLE, true, PowerOutcome.SUCCEEDED, PowerState.ON, null,
                null, "power-rack1", 1, T, T.plusMillis(350)),
            new PowerResult("req-8", "node15", PowerAction.STATUS, false, PowerOutcome.FAILED, PowerState.UNKNOWN,
                PowerFailure.TIMEOUT, "ipmi://bmc15.rack1:623 did not answer within 10 s", "power-rack1", 3, T,
                T.plusSeconds(31)));
    }

    static ClusterInventory inventory() {
        return new ClusterInventory(32, "node%N", Ipv4Address.parse("10.54.0.1"), Ipv4Range.parse("10.54.0.10 10.54.0.41"),
            List.of(Ipv4Range.parse("10.54.0.200 10.54.0.219")), Map.of("centos", CENTOS, "scyld", SCYLD), List.of(host()),
            List.of(new Subnet(Ipv4Network.parse("10.54.0.0/16"), Ipv4Address.parse("10.54.0.254"), null,
                    List.of(Ipv4Address.parse("10.54.0.1")), "cluster.example", null, "eth1"),
                new Subnet(Ipv4Network.parse("172.20.4.0/22"), Ipv4Address.parse("172.20.4.1"),
                    Ipv4Address.parse("10.54.0.1"), List.of(), null, "10.54.0.1:8080", null)));
    }
}
