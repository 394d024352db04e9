package io.pxeflow.generator;

import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The clusters of the seeds, as config records: diskless, install-once, local-only and devices. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** Seed 001: RHEL diskless over NFS with a per-node snapshot. */
    public static final ClassSpec DISKLESS = new ClassSpec("rhel5compute", "rhel5compute/vmlinuz",
        "rhel5compute/initrd.img", "root=/dev/ram0 init=disklessrc ramdisk_size=28753 ETHERNET=eth0",
        "/diskless/i386/RHEL5-AS/root", "compute-overlay", null, null);
    /** Seed 002: a kickstart installer, then boot next. */
    public static final ClassSpec INSTALLER = new ClassSpec("centos5u4", "/var/beowulf/boot/vmlinuz-centos5u4_amd64",
        "/var/beowulf/boot/initrd-centos5u4_amd64.img",
        "initrd=initrd-centos5u4_amd64.img ks=nfs:10.54.0.1:/home/os/kickstarts/n5-ks.cfg ksdevice=eth0",
        null, null, null, null);
    /** Seed 002: nothing to serve, always boot next. */
    public static final ClassSpec GENERIC = new ClassSpec("genericboot", "none", "none", "none", null, null, null, null);

    private Fixtures() {
    }

    /** The example network's settings for a worker on {@code topics}, its id unique to them; a map to add to. */
    public static Map<String, String> workerSettingsMap(Path out, io.pxeflow.protocol.Topics topics, String idPrefix) {
        Map<String, String> m = settingsMap(out);
        m.put("topic.prefix", topics.prefix());
        m.put("generator.id", idPrefix + topics.prefix().replace(".", ""));
        return m;
    }

    public static Map<String, String> settingsMap(Path out) {
        Map<String, String> m = new HashMap<>();
        m.put("generator.id", "gen-test");
        m.put("output.dir", out.toString());
        m.put("network.subnet", "10.54.0.0");
        m.put("network.netmask", "255.255.0.0");
        m.put("network.router", "10.54.0.254");
        m.put("network.dns", "10.54.0.1");
        m.put("network.domain", "cluster.example");
        m.put("head.address", "10.54.0.1");
        m.put("boot.console", "ttyS0,115200n8");
        m.put("nfs.images.dir", "/diskless/images");
        m.put("reload.debounce.ms", "50");
        return m;
    }

    public static GeneratorSettings settings(Path out) {
        return GeneratorSettings.fromMap(settingsMap(out));
    }

    public static NodeBootConfig node(String name, int index, String ip, ClassSpec c, BootSequence seq, BootStage stage,
                                      long generation, String... macs) {
        List<MacAddress> ms = new ArrayList<>();
        for (String m : macs) {
            ms.add(MacAddress.of(m));
        }
        return new NodeBootConfig(name, index, ms, Ipv4Address.parse(ip), seq, stage, c, false, generation, T0);
    }

    public static NodeBootConfig diskless() {
        return node("node3", 3, "10.54.0.13", DISKLESS, BootSequence.PXE, BootStage.PXE, 1, "00:21:5E:40:64:5C");
    }

    public static NodeBootConfig installOnce(BootStage stage) {
        return node("node15", 15, "10.54.0.25", INSTALLER, BootSequence.PXE_LOCAL, stage, stage == BootStage.PXE ? 1 : 2,
            "00:A0:D1:E5:C4:6E", "00:A0:D1:E5:C4:6F");
    }

    public static NodeBootConfig local() {
        return node("node4", 4, "10.54.0.14", GENERIC, BootSequence.PXE_LOCAL, BootStage.LOCAL, 1, "00:21:5E:40:63:C8");
    }

    public static List<HostReservation> hosts() {
        return List.of(
            new HostReservation(MacAddress.of("00:A0:D1:E9:87:CA"), Ipv4Address.parse("10.54.200.1"), List.of("smartswitch")),
            new HostReservation(MacAddress.of("00:A0:D1:E3:FC:E2"), Ipv4Address.parse("10.54.201.1"), List.of("pdu1", "pdu1-mgmt")),
            new HostReservation(MacAddress.of("00:A0:D1:E3:FD:4A"), Ipv4Address.parse("10.54.201.2"), List.of()));
    }
}
