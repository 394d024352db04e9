package io.pxeflow.generator;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A large cluster in the seeds' proportions: mostly diskless nodes, a tenth installing once
 * (half of those already local), a twentieth local-only, every eighth node with two NICs, plus a
 * rack's worth of switches and PDUs. Addresses are 10.54.x.y from 10.54.1.0 up.
 */
public final class SyntheticCluster {
    private SyntheticCluster() {
    }

    public static List<ConfigRecord> records(int nodes, int hosts) {
        List<ConfigRecord> out = new ArrayList<>(nodes + hosts);
        for (int i = 1; i <= nodes; i++) {
            out.add(node(i, 1));
        }
        for (int i = 1; i <= hosts; i++) {
            out.add(new HostReservation(mac(0xEE0000 + i), Ipv4Address.parse("10.54.250.0").plus(i),
                List.of("sw" + i)));
        }
        return out;
    }

    public static NodeBootConfig node(int i, long generation) {
        return node(i, generation, Ipv4Address.parse("10.54.1.0").plus(i));
    }

    /** Node {@code i} in the seeds' proportions at address {@code ip}. */
    public static NodeBootConfig node(int i, long generation, Ipv4Address ip) {
        List<MacAddress> macs = new ArrayList<>();
        macs.add(mac(i * 2));
        if (i % 8 == 0) {
            macs.add(mac(i * 2 + 1));
        }
        String name = "n" + i;
        if (i % 10 == 0) {
            BootStage stage = i % 20 == 0 ? BootStage.LOCAL : BootStage.PXE;
            return new NodeBootConfig(name, i, macs, ip, BootSequence.PXE_LOCAL, stage, Fixtures.INSTALLER, false,
                generation, Fixtures.T0);
        }
        if (i % 21 == 0) {
            return new NodeBootConfig(name, i, macs, ip, BootSequence.PXE_LOCAL, BootStage.LOCAL, Fixtures.GENERIC, false,
                generation, Fixtures.T0);
        }
        return new NodeBootConfig(name, i, macs, ip, BootSequence.PXE, BootStage.PXE, Fixtures.DISKLESS, i % 97 == 0,
            generation, Fixtures.T0);
    }

    public static MacAddress mac(int n) {
        return MacAddress.of(String.format("52:54:%02x:%02x:%02x:%02x", (n >>> 24) & 0xff, (n >>> 16) & 0xff,
            (n >>> 8) & 0xff, n & 0xff));
    }
}
