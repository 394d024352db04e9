package io.pxeflow.simulator;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The messages a real DHCP/TFTP bridge, reporter or admin would send, shaped as they would. */
public final class Wire {
    private static final String SERVER = "simulator";
    private static final String PXE_VENDOR = "PXEClient:Arch:00000:UNDI:002001";
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private Wire() {
    }

    public static Command.Meta meta(Instant now) {
        return new Command.Meta("sim-" + RUN + "-" + REQUESTS.incrementAndGet(), "simulator", now);
    }

    public static DhcpEvent dhcp(DhcpMessageType type, MacAddress mac, Ipv4Address ip, Instant now) {
        return new DhcpEvent(type, mac, ip, null, PXE_VENDOR, null, 0, "eth1", SERVER, now);
    }

    public static PxeEvent tftp(MacAddress mac, Ipv4Address ip, String path, long size, Instant now) {
        return new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, mac, ip, path, size, SERVER, now);
    }

    /** The file the firmware fetches first; it says nothing about the node's stage. */
    public static String bootloader() {
        return "pxelinux.0";
    }

    /** The node's own PXELINUX config: serving it is the node's PXE answer. */
    public static String pxelinuxConfig(MacAddress mac) {
        return "pxelinux.cfg/" + mac.pxelinuxName();
    }

    public static Heartbeat heartbeat(String node, String bootId, long seq, int intervalSeconds, Instant now) {
        return new Heartbeat(node, bootId, seq, now, intervalSeconds, "sim", "6.1.0-sim", (double) seq * intervalSeconds,
            0.5, 0.4, 0.3, 0.1, 0.0, 16, 64L << 30, 60L << 30, 0L, 0L,
            List.of(new Heartbeat.FilesystemUsage("/", "rootfs", "nfs", 100L << 30, 50L << 30, 50L << 30)),
            List.of(new Heartbeat.InterfaceCounters("eth0", seq * 1000, seq * 1000, seq * 10, seq * 10, 0, 0)));
    }
}
