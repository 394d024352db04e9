package io.pxeflow.inventory;

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
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.StagePolicy;
import io.pxeflow.protocol.message.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Builds a valid inventory from a seed: ranges laid out so they cannot collide, unique numbers,
 * MACs and names, classes with every kind of value ClusterWare files hold (none, quotes, '=').
 */
final class InventoryGenerator {
    private static final String[] PATH_WORDS = {"boot", "vmlinuz", "initrd.img", "memtest86+-4.00.bin", "el9", "x_1", "a=b"};
    private static final String[] CMD_WORDS = {"rw", "quiet", "root=/dev/ram0", "console=ttyS0,115200n8", "ks=nfs:h:/k.cfg#x",
        "3", "15", "1,3", "a=\"b c\"", "'q'", "none", "ip=dhcp", "x\\y"};
    private final Random r;

    private InventoryGenerator(long seed) {
        this.r = new Random(seed);
    }

    static Inventory generate(long seed) {
        return new InventoryGenerator(seed).inventory();
    }

    private Inventory inventory() {
        Integer nodeCount = r.nextBoolean() ? null : 20 + r.nextInt(40);
        String pattern = r.nextInt(4) == 0 ? "n%N-x" : null;
        Ipv4Address master = r.nextBoolean() ? Ipv4Address.parse("10.0.0.1") : null;
        Ipv4Range ipRange = r.nextBoolean() ? range("10.1.0.0", 128) : null;
        List<Ipv4Range> hostRanges = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            hostRanges.add(range("10.2." + i + ".0", 4));
        }
        Map<String, ClassSpec> classes = new LinkedHashMap<>();
        if (r.nextBoolean()) {
            classes.put(ClassSpec.DEFAULT_NAME, classSpec(ClassSpec.DEFAULT_NAME));
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            String name = pick("centos", "scyld", "memtest", "c-" + i, "genericboot") + i;
            classes.put(name, classSpec(name));
        }
        List<HostReservation> hosts = new ArrayList<>();
        for (int i = 0; i < r.nextInt(4); i++) {
            Ipv4Address ip = hostRanges.isEmpty() ? Ipv4Address.parse("10.4.0." + (i + 1))
                : hostRanges.get(i % hostRanges.size()).first().plus(i / hostRanges.size());
            List<String> names = r.nextBoolean() ? List.of("dev" + i) : r.nextBoolean() ? List.of() : List.of("dev" + i, "alias" + i);
            hosts.add(new HostReservation(mac(0xAA, i), ip, names));
        }
        List<Subnet> subnets = new ArrayList<>();
        boolean twoSubnets = r.nextBoolean();
        // Without a master, every subnet names its next-server (the parser insists, for nodes to boot).
        subnets.add(subnet(twoSubnets ? "10.0.0.0/14" : "10.0.0.0/13", master == null));
        if (twoSubnets) {
            subnets.add(subnet("10.4.0.0/16", master == null));
        }
        ClusterInventory cluster = new ClusterInventory(nodeCount, pattern, master, ipRange, hostRanges, classes, hosts,
            subnets);
        List<String> classNames = new ArrayList<>(classes.keySet());
        TreeSet<Integer> indexes = new TreeSet<>();
        for (int i = r.nextInt(12); i > 0; i--) {
            indexes.add(r.nextInt(nodeCount == null ? 64 : Math.min(nodeCount, 64)));
        }
        List<NodeEntry> nodes = new ArrayList<>();
        for (int index : indexes) {
            nodes.add(node(cluster, classNames, index));
        }
        return new Inventory(cluster, nodes);
    }

    private NodeEntry node(ClusterInventory cluster, List<String> classNames, int index) {
        String className = classNames.isEmpty() || r.nextInt(3) == 0 ? ClassSpec.DEFAULT_NAME
            : classNames.get(r.nextInt(classNames.size()));
        ClassSpec bootClass = cluster.classes().getOrDefault(className, ClassSpec.named(className));
        String name = r.nextInt(4) == 0 ? String.format("node%03d", index) : cluster.nodeName(index);
        Ipv4Address ip;
        if (cluster.ipRange() != null) {
            // Explicit addresses come from the upper half, which no derived address (index < 64) reaches.
            ip = cluster.ipRange().first().plus(r.nextInt(4) == 0 ? 64 + index : index);
        } else {
            ip = r.nextBoolean() ? null : Ipv4Address.parse(cluster.subnets().size() > 1 && r.nextBoolean()
                ? "10.4.1.0" : "10.3.0.0").plus(index);
        }
        List<MacAddress> macs = new ArrayList<>();
        for (int j = 0; j <= r.nextInt(3); j++) {
            macs.add(mac(j, index));
        }
        BootOverride override = r.nextInt(3) == 0 ? new BootOverride(maybe(this::path), maybe(this::path), maybe(this::cmdline)) : null;
        BootSequence sequence = pick(BootSequence.PXE_LOCAL, BootSequence.PXE, BootSequence.LOCAL);
        BootStage stage = pick(BootStage.PXE, BootStage.LOCAL, null);
        BmcSpec bmc = r.nextInt(3) == 0 ? null : new BmcSpec(pick("10.9.0." + index, "bmc" + index + ".mgmt",
            "10.9.1." + index + ":" + (600 + index)), maybe(() -> pick(BmcProtocol.IPMI, BmcProtocol.REDFISH)),
            maybe(() -> pick("default", "rack-" + index % 3, "lab_bmc.v2")));
        return new NodeEntry(new NodeSpec(index, name, macs, ip, bootClass, override, sequence, bmc), stage);
    }

    private Subnet subnet(String network, boolean needsNextServer) {
        Ipv4Network n = Ipv4Network.parse(network);
        return new Subnet(n, maybe(() -> n.address().plus(254)),
            needsNextServer || r.nextBoolean() ? Ipv4Address.parse("10.0.0.2") : null,
            r.nextBoolean() ? List.of() : List.of(Ipv4Address.parse("10.0.0.3"), Ipv4Address.parse("10.0.0.4")),
            maybe(() -> pick("cluster.example", "rack2.cluster")), maybe(() -> pick("10.0.0.1:8080", "http://boot/x?m=${net0/mac}")),
            null);
    }

    private ClassSpec classSpec(String name) {
        return new ClassSpec(name, maybe(this::path), maybe(this::path), maybe(this::cmdline), maybe(this::path),
            maybe(this::path), maybe(() -> pick("head", "nfs1", "storage.cluster")),
            maybe(() -> pick(StagePolicy.ON_PXE_SERVED, StagePolicy.ON_INSTALL_COMPLETE)),
            new BmcSpec(null, maybe(() -> pick(BmcProtocol.IPMI, BmcProtocol.REDFISH)), maybe(() -> pick("rack1", "x.y"))));
    }

    private String path() {
        if (r.nextInt(4) == 0) {
            return "none";
        }
        StringBuilder p = new StringBuilder();
        for (int i = 0; i <= r.nextInt(3); i++) {
            p.append('/').append(PATH_WORDS[r.nextInt(PATH_WORDS.length)]);
        }
        return p.toString();
    }

    private String cmdline() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i <= r.nextInt(5); i++) {
            words.add(CMD_WORDS[r.nextInt(CMD_WORDS.length)]);
        }
        return String.join(" ", words);
    }

    private <T> T maybe(java.util.function.Supplier<T> value) {
        return r.nextBoolean() ? value.get() : null;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static Ipv4Range range(String first, int size) {
        Ipv4Address a = Ipv4Address.parse(first);
        return new Ipv4Range(a, a.plus(size - 1));
    }

    private static MacAddress mac(int high, int low) {
        return MacAddress.of(String.format("02%02x0000%04x", high & 0xff, low & 0xffff));
    }
}
