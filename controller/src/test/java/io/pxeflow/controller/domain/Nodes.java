package io.pxeflow.controller.domain;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import io.pxeflow.protocol.message.StagePolicy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data for the state machine: seed 002's node15 and its classes. */
final class Nodes {
    static final MacAddress MAC = MacAddress.of("00:A0:D1:E5:C4:6E");
    static final Ipv4Address IP = Ipv4Address.parse("10.54.0.25");
    static final ClassSpec CENTOS = new ClassSpec("centos5u4", "/var/beowulf/boot/vmlinuz-centos5u4_amd64",
        "/var/beowulf/boot/initrd-centos5u4_amd64.img", "initrd=initrd-centos5u4_amd64.img ks=nfs: ksdevice=eth0",
        null, null, null, StagePolicy.ON_PXE_SERVED);
    static final ClassSpec CENTOS_WAIT = new ClassSpec("centos-wait", CENTOS.kernel(), CENTOS.initrd(), CENTOS.cmdline(),
        null, null, null, StagePolicy.ON_INSTALL_COMPLETE);
    static final ClassSpec SCYLD = new ClassSpec("scyld", "/boot/vmlinuz", "/var/beowulf/boot/computenode.initrd",
        "rw root=/dev/ram0 image=/var/beowulf/boot/computenode.rootfs", null, null, null, null);
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    private Nodes() {
    }

    static NodeSpec node15(ClassSpec c, BootSequence seq) {
        return new NodeSpec(15, "node15", List.of(MAC, MacAddress.of("00:A0:D1:E5:C4:6F")), IP, c, null, seq);
    }

    static Command.Meta meta(Instant t) {
        return new Command.Meta("req-" + REQUESTS.incrementAndGet(), "admin", t);
    }

    static Command.PutNode put(NodeSpec spec, BootStage stage, Instant t) {
        return new Command.PutNode(spec.name(), meta(t), spec, stage);
    }

    static DhcpEvent dhcp(DhcpMessageType type, Instant t) {
        return new DhcpEvent(type, MAC, type == DhcpMessageType.ACK ? IP : null, null,
            "PXEClient:Arch:00000:UNDI:002001", null, 0, "eth1", "head", t);
    }

    static PxeEvent tftp(String path, Instant t) {
        return new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, null, IP, path, 1000L, "head", t);
    }

    static PxeEvent pxelinuxConfig(Instant t) {
        return tftp("/tftpboot/pxelinux.cfg/" + MAC.pxelinuxName(), t);
    }

    static PxeEvent ipxe(String answer, Instant t) {
        return new PxeEvent(PxeTransport.IPXE_ENDPOINT, PxeOutcome.SENT, MAC, null, answer, null, "controller", t);
    }

    static Heartbeat heartbeat(String bootId, Instant t) {
        return new Heartbeat("node15", bootId, 1, t, 5, "test", "6.1.0", 10.0, 0.1, 0.1, 0.1, 0.01, 0.0, 4,
            8L << 30, 6L << 30, 0L, 0L, List.of(), List.of());
    }
}
