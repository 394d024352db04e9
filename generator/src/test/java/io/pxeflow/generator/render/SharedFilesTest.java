package io.pxeflow.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.generator.Fixtures;
import io.pxeflow.inventory.HostInterfaces;
import io.pxeflow.inventory.ScyldConfigParser;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared files assembled from cached lines, one change at a time, are the files a fresh
 * render of the same records gives with every record's view built anew; and a change the
 * templates say cannot reach a file indeed leaves it as it was. Random clusters on three subnets
 * (and outside them), with devices, two-NIC nodes, classes that deviate from their namesake,
 * shared images, removals, moves and stage flips.
 */
class SharedFilesTest {
    private static final String INVENTORY = """
        master 10.78.0.1
        netmask 255.255.255.0
        subnet 10.78.0.0/24 router 10.78.0.254 dns 10.78.0.1 domain head.lab
        subnet 172.20.4.0/22 router 172.20.4.1 next-server 10.78.0.1 dns 10.78.0.1,10.78.0.2 domain rack2.lab ipxe 10.78.0.1:9080
        subnet 192.168.40.0/24 router 192.168.40.1 next-server 10.78.0.2
        """;
    private static final String[] NAMES = {"c0", "c1", "c2", "c10", "c11", "r2n1", "r2n2", "r2n10", "gpu01", "gpu2", "gpu10",
        "login1", "a", "b7", "node3", "node30", "node300", "x1y2", "x1y10", "z"};
    private static final String[] ADDRESSES = {"10.78.0.", "172.20.4.", "172.20.6.", "192.168.40.", "10.99.0."};
    private static final List<ClassSpec> CLASSES = List.of(
        Fixtures.DISKLESS,
        Fixtures.DISKLESS.withCmdline("root=/dev/ram0 init=disklessrc quiet"),
        new ClassSpec("rhel5compute", "rhel5compute/vmlinuz-2", "rhel5compute/initrd-2.img", null,
            "/diskless/i386/RHEL5-AS/root", "/diskless/i386/RHEL5-AS/root", null, null),
        Fixtures.INSTALLER,
        Fixtures.GENERIC,
        new ClassSpec("gpu", "gpu/vmlinuz", null, "quiet", "gpu-root", null, null, null));

    @TempDir
    Path out;

    private ClusterRenderer renderer(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("generator.id", "shared-test");
        m.put("output.dir", out.toString());
        m.putAll(extra);
        return new ClusterRenderer(GeneratorSettings.fromMap(m));
    }

    private NetworkPlan plan(ClusterRenderer r, String inventory) {
        return NetworkPlan.of(ScyldConfigParser.parse("cluster.conf", inventory).cluster(), r.settings(), HostInterfaces.NONE);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void afterEveryChangeTheCachedFilesEqualAFreshRender_andAFileNoChangeReachesStaysAsItWas(long seed) {
        ClusterRenderer renderer = renderer(Map.of());
        NetworkPlan plan = plan(renderer, INVENTORY);
        SharedFiles files = renderer.sharedFiles();
        files.network(plan);
        ClusterSnapshot.Builder live = ClusterSnapshot.builder();
        live.network(plan);
        Random random = new Random(seed);
        Map<Output, String> lastText = new EnumMap<>(Output.class);
        EnumSet<Output> reachedSince = EnumSet.allOf(Output.class);
        int applied = 0;
        for (int step = 0; step < 400; step++) {
            ConfigRecord next = change(random, live);
            String key = next == null ? null : next.key();
            if (next == null) {
                // a removal
                List<String> keys = new ArrayList<>(live.keys());
                if (keys.isEmpty()) {
                    continue;
                }
                ConfigRecord old = live.remove(keys.get(random.nextInt(keys.size()))).orElseThrow();
                reachedSince.addAll(files.remove(old));
            } else {
                if (live.conflictFor(next).isPresent()) {
                    continue;
                }
                ConfigRecord before = live.get(key).orElse(null);
                live.put(next);
                reachedSince.addAll(files.put(before, next));
            }
            applied++;
            if (random.nextInt(3) == 0 || step == 399) {
                compare(renderer, files, live, plan, lastText, reachedSince, "seed " + seed + " step " + step);
                reachedSince.clear();
            }
        }
        assertTrue(applied > 200, "the random walk applied changes: " + applied);
        assertTrue(live.keys().size() > 5, "and ended with a cluster: " + live.keys());
    }

    @Test
    void aNewNetworkMovesEveryRecordAndDropsTheCachedLines() {
        ClusterRenderer renderer = renderer(Map.of());
        SharedFiles files = renderer.sharedFiles();
        files.network(plan(renderer, INVENTORY));
        ClusterSnapshot.Builder live = ClusterSnapshot.builder();
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            ConfigRecord r = change(random, live);
            if (r != null && live.conflictFor(r).isEmpty()) {
                ConfigRecord before = live.get(r.key()).orElse(null);
                live.put(r);
                files.put(before, r);
            }
        }
        for (Output o : files.outputs()) {
            files.render(o);
        }
        NetworkPlan moved = plan(renderer, "master 10.99.0.1\nnetmask 255.255.0.0\nsubnet 172.20.0.0/16 router 172.20.0.1\n");
        live.network(moved);
        files.network(moved);
        compare(renderer, files, live, moved, new EnumMap<>(Output.class), EnumSet.allOf(Output.class), "moved");
    }

    @Test
    void aStageFlipReachesOnlyCluster_conf_aWipeFlagNothing_anAddressEverything() {
        ClusterRenderer renderer = renderer(Map.of());
        SharedFiles files = renderer.sharedFiles();
        files.network(plan(renderer, INVENTORY));
        NodeBootConfig n = node("c1", 1, "10.78.0.11", Fixtures.INSTALLER, BootStage.PXE, false, 1, "52:54:00:78:00:11");
        files.put(null, n);
        NodeBootConfig flipped = node("c1", 1, "10.78.0.11", Fixtures.INSTALLER, BootStage.LOCAL, false, 2, "52:54:00:78:00:11");
        NodeBootConfig wiped = node("c1", 1, "10.78.0.11", Fixtures.INSTALLER, BootStage.LOCAL, true, 3, "52:54:00:78:00:11");
        NodeBootConfig moved = node("c1", 1, "10.78.0.12", Fixtures.INSTALLER, BootStage.LOCAL, true, 4, "52:54:00:78:00:11");

        assertEquals(Set.of(Output.CLUSTER_CONF), files.put(n, flipped));
        assertEquals(Set.of(), files.put(flipped, wiped));
        assertEquals(ClusterRenderer.SHARED, files.put(wiped, moved));
    }

    @Test
    void anAdminsSharedTemplateGetsPlainListsAndWhatItLooksUpDecidesWhatReachesIt() throws Exception {
        Path templates = java.nio.file.Files.createDirectories(out.resolve("templates"));
        java.nio.file.Files.writeString(templates.resolve("hosts.mustache"),
            "{{#nodes}}{{ip}} {{name}}{{^-last}},{{/-last}}{{/nodes}}\n# {{#nodes}}{{wipe}}{{/nodes}}\n");
        ClusterRenderer renderer = renderer(Map.of("template.dir", templates.toString()));
        SharedFiles files = renderer.sharedFiles();
        files.network(plan(renderer, INVENTORY));
        NodeBootConfig a = node("c1", 1, "10.78.0.11", Fixtures.INSTALLER, BootStage.PXE, false, 1, "52:54:00:78:00:11");
        NodeBootConfig b = node("c2", 2, "10.78.0.12", Fixtures.INSTALLER, BootStage.PXE, false, 1, "52:54:00:78:00:12");
        files.put(null, a);
        files.put(null, b);
        assertEquals("10.78.0.11 c1,10.78.0.12 c2\n# falsefalse\n", files.render(Output.HOSTS).content());

        NodeBootConfig wiped = node("c2", 2, "10.78.0.12", Fixtures.INSTALLER, BootStage.PXE, true, 2, "52:54:00:78:00:12");
        assertEquals(Set.of(Output.HOSTS), files.put(b, wiped), "only the admin's hosts template shows the wipe flag");
        assertEquals("10.78.0.11 c1,10.78.0.12 c2\n# falsetrue\n", files.render(Output.HOSTS).content());
    }

    private static void compare(ClusterRenderer renderer, SharedFiles files, ClusterSnapshot.Builder live, NetworkPlan plan,
                                Map<Output, String> lastText, Set<Output> reachedSince, String when) {
        SharedFiles fresh = renderer.sharedFiles();
        fresh.network(plan);
        live.snapshot().nodes().forEach(n -> fresh.put(null, n));
        live.snapshot().hosts().forEach(h -> fresh.put(null, h));
        for (Output o : files.outputs()) {
            String reference = fresh.renderWhole(o).content();
            if (!reachedSince.contains(o) && lastText.containsKey(o)) {
                assertEquals(lastText.get(o), reference, when + ": " + o + " changed though no change reached it");
            }
            assertEquals(reference, files.render(o).content(), when + ": " + o);
            lastText.put(o, reference);
        }
    }

    /** A random change to {@code live}: a new or changed node or device, or null for a removal. */
    private static ConfigRecord change(Random random, ClusterSnapshot.Builder live) {
        int what = random.nextInt(20);
        if (what == 0) {
            return null;
        }
        if (what <= 2) {
            int h = random.nextInt(8);
            List<String> names = switch (random.nextInt(3)) {
                case 0 -> List.of();
                case 1 -> List.of("sw" + h);
                default -> List.of("pdu" + h, "pdu" + h + "-mgmt");
            };
            return new HostReservation(MacAddress.of(String.format("02:00:00:00:0%d:%02x", h % 2, h)),
                Ipv4Address.parse(ADDRESSES[random.nextInt(ADDRESSES.length)] + (200 + random.nextInt(20))), names);
        }
        String name = NAMES[random.nextInt(NAMES.length)];
        NodeBootConfig old = live.get(name).filter(NodeBootConfig.class::isInstance).map(NodeBootConfig.class::cast).orElse(null);
        if (old != null && what < 14) {
            // Mostly what the controller sends: flips, wipe flags, generations; sometimes a move.
            return switch (random.nextInt(8)) {
                case 0, 1, 2 -> with(old, old.ip(), old.macs(), old.bootClass(),
                    old.stage() == BootStage.PXE ? BootStage.LOCAL : BootStage.PXE, old.wipe(), old.index());
                case 3 -> with(old, old.ip(), old.macs(), old.bootClass(), old.stage(), !old.wipe(), old.index());
                case 4 -> with(old, old.ip(), old.macs(), old.bootClass(), old.stage(), old.wipe(), random.nextInt(50));
                case 5 -> with(old, address(random), old.macs(), old.bootClass(), old.stage(), old.wipe(), old.index());
                case 6 -> with(old, old.ip(), macs(random), old.bootClass(), old.stage(), old.wipe(), old.index());
                default -> with(old, old.ip(), old.macs(), CLASSES.get(random.nextInt(CLASSES.size())), old.stage(),
                    old.wipe(), old.index());
            };
        }
        return new NodeBootConfig(name, random.nextInt(50), macs(random), address(random),
            random.nextBoolean() ? BootSequence.PXE : BootSequence.PXE_LOCAL, random.nextBoolean() ? BootStage.PXE : BootStage.LOCAL,
            CLASSES.get(random.nextInt(CLASSES.size())), random.nextInt(5) == 0, 1, Fixtures.T0);
    }

    private static NodeBootConfig with(NodeBootConfig n, Ipv4Address ip, List<MacAddress> macs, ClassSpec c, BootStage stage,
                                       boolean wipe, int index) {
        return new NodeBootConfig(n.node(), index, macs, ip, n.sequence(), stage, c, wipe, n.generation() + 1, n.time());
    }

    private static Ipv4Address address(Random random) {
        return Ipv4Address.parse(ADDRESSES[random.nextInt(ADDRESSES.length)] + (1 + random.nextInt(150)));
    }

    private static List<MacAddress> macs(Random random) {
        List<MacAddress> out = new ArrayList<>();
        int n = random.nextInt(4) == 0 ? 2 : 1;
        for (int i = 0; i < n; i++) {
            out.add(MacAddress.of(String.format("52:54:00:%02x:%02x:%02x", random.nextInt(4), random.nextInt(256), i)));
        }
        return out;
    }

    private static NodeBootConfig node(String name, int index, String ip, ClassSpec c, BootStage stage, boolean wipe,
                                       long generation, String mac) {
        return new NodeBootConfig(name, index, List.of(MacAddress.of(mac)), Ipv4Address.parse(ip), BootSequence.PXE_LOCAL,
            stage, c, wipe, generation, Fixtures.T0);
    }
}
