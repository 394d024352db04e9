package io.pxeflow.simulator;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.ClassSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds the synthetic fleet: deterministic names, MACs and addresses from an index and a seed. */
public final class Fleet {
    /** All simulated nodes live in 10.64.0.0/10, room for far more than 100,000 of them. */
    public static final Ipv4Address SUBNET = Ipv4Address.parse("10.64.0.0");
    public static final Ipv4Address NETMASK = Ipv4Address.parse("255.192.0.0");
    public static final Ipv4Address HEAD = Ipv4Address.parse("10.64.0.1");
    public static final ClassSpec BOOT_CLASS = new ClassSpec("simcompute", "/images/sim/vmlinuz",
        "/images/sim/initrd.img", "console=ttyS0,115200 quiet", null, null, null, null);

    private Fleet() {
    }

    /** Two nodes in three install once (pxe+local), the third is diskless (pxe). */
    public static List<SimNode> build(int count, Scenario scenario, long seed) {
        Random random = new Random(seed);
        List<SimNode> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            BootSequence seq = i % 3 == 0 ? BootSequence.PXE : BootSequence.PXE_LOCAL;
            out.add(new SimNode(name(i), i, mac(0x02, i), SUBNET.plus(16 + i), seq, scenario.pick(random)));
        }
        return out;
    }

    public static String name(int index) {
        return String.format("sim%06d", index);
    }

    /** A locally administered MAC: {@code kind} tells known nodes (02) from unknown clients (06). */
    public static MacAddress mac(int kind, int index) {
        return MacAddress.of(String.format("%02x:5e:%02x:%02x:%02x:%02x", kind, (index >>> 24) & 0xff,
            (index >>> 16) & 0xff, (index >>> 8) & 0xff, index & 0xff));
    }
}
