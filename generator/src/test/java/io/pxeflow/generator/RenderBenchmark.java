package io.pxeflow.generator;

import io.pxeflow.generator.output.ApplyReport;
import io.pxeflow.generator.output.ConfigChange;
import io.pxeflow.generator.output.GeneratedTree;
import io.pxeflow.generator.output.PreSwapValidator;
import io.pxeflow.generator.render.ClusterRenderer;
import io.pxeflow.generator.render.ClusterSnapshot;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.generator.render.NetworkPlan;
import io.pxeflow.inventory.HostInterfaces;
import io.pxeflow.inventory.ScyldConfigParser;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Renders a synthetic cluster on several subnets from scratch into an empty directory, then
 * changes one node at a time and prints what each step cost: wall time, this thread's CPU time
 * (what the step itself spent, whatever else the machine was doing) and the files written.
 * Run it with {@code generator/bench/run.sh [nodes] [dir] [options]} (see docs/benchmarks.md):
 *
 * <pre>
 * nodes            cluster size (10000)
 * dir              an empty output directory (a new temp directory)
 * --subnets K      networks the nodes are spread over, in blocks, like racks (3)
 * --changes N      single-node changes of each kind (20)
 * --validate       also time dhcpd -t and kea-dhcp4 -t on the generated files, where installed
 * </pre>
 *
 * Only API that predates the incremental shared files is used, so the same program measures a
 * checkout before and after.
 */
public final class RenderBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        int subnets = 3;
        int changes = 20;
        boolean validate = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--subnets" -> subnets = Integer.parseInt(args[++i]);
                case "--changes" -> changes = Integer.parseInt(args[++i]);
                case "--validate" -> validate = true;
                default -> positional.add(args[i]);
            }
        }
        int nodes = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 10_000;
        Path dir = positional.size() > 1 ? Path.of(positional.get(1)) : Files.createTempDirectory("pxeflow-bench");
        if (subnets < 1 || subnets > 200) {
            throw new IllegalArgumentException("--subnets: 1 to 200");
        }

        ClusterInventory inventory = ScyldConfigParser.parse("cluster.conf", inventory(subnets)).cluster();
        GeneratorSettings settings = GeneratorSettings.fromMap(settings(dir));
        List<ConfigRecord> records = cluster(nodes, subnets);
        Map<String, ConfigRecord> latest = new LinkedHashMap<>();
        records.forEach(r -> latest.put(r.key(), r));
        System.out.printf("nodes=%d devices=48 subnets=%d dir=%s cpus=%d load=%s%n", nodes, subnets, dir,
            Runtime.getRuntime().availableProcessors(), load());

        // Rendering alone, no I/O: what the CPU costs, apart from what the file system costs.
        ClusterRenderer renderer = new ClusterRenderer(settings);
        NetworkPlan plan = NetworkPlan.of(inventory, settings, HostInterfaces.NONE);
        Step render = Step.start();
        int rendered = 0;
        for (ConfigRecord r : records) {
            rendered += renderer.renderRecord(r, plan).size();
        }
        rendered += renderer.renderShared(ClusterSnapshot.of(records, plan)).size();
        render.stop();
        System.out.printf("render only (no I/O):        %s, %d files in memory%n", render, rendered);

        GeneratedTree tree = new GeneratedTree(settings, PreSwapValidator.NONE, Clock.systemUTC(), HostInterfaces.NONE);
        tree.network(inventory);
        List<ConfigChange> all = new ArrayList<>();
        records.forEach(r -> all.add(ConfigChange.of(r.key(), r)));
        Step full = Step.start();
        ApplyReport first = tree.apply(all, true);
        full.stop();
        System.out.printf("full render:                 %s, files written %d, skipped %d%n", full,
            first.stats().written(), first.stats().skipped());

        Random random = new Random(42);
        // A stage flip: the node's own boot files change, and the one shared file that lists stages.
        Series flips = new Series("single-node stage flip");
        for (int i = 0; i < changes; i++) {
            NodeBootConfig n = (NodeBootConfig) latest.get("n" + (1 + random.nextInt(nodes)));
            NodeBootConfig after = copy(n, n.ip(), n.stage() == BootStage.PXE ? BootStage.LOCAL : BootStage.PXE);
            flips.add(apply(tree, after, latest));
        }
        flips.print();
        // A new address: its lines in dhcpd.conf, Kea, hosts and exports change, and its hex-IP pxelinux file moves.
        Series moves = new Series("single-node address change");
        for (int i = 0; i < changes; i++) {
            int index = 1 + random.nextInt(nodes);
            NodeBootConfig n = (NodeBootConfig) latest.get("n" + index);
            Ipv4Address spare = spare(index, nodes, subnets, i);
            moves.add(apply(tree, copy(n, spare, n.stage()), latest));
        }
        moves.print();

        if (validate) {
            time("dhcpd -t -cf " + dir.resolve("dhcpd.conf"), 3);
            time("kea-dhcp4 -t " + dir.resolve("kea-dhcp4.json"), 3);
        }
        System.out.printf("shared file sizes: %s%n", sizes(dir));
    }

    /** Settings with no network key: the inventory declares the networks, as on a real head node. */
    private static Map<String, String> settings(Path dir) {
        Map<String, String> m = new HashMap<>();
        m.put("generator.id", "bench");
        m.put("output.dir", dir.toString());
        m.put("boot.console", "ttyS0,115200n8");
        m.put("nfs.images.dir", "/diskless/images");
        return m;
    }

    /** The head node's /16 and K-1 racks behind relays, each a /16 of its own: 10.78.0.0, 172.20.0.0, 172.21.0.0, ... */
    private static String inventory(int subnets) {
        StringBuilder sb = new StringBuilder("master 10.78.0.1\nnetmask 255.255.0.0\n");
        sb.append("subnet 10.78.0.0/16 router 10.78.0.254 dns 10.78.0.1 domain head.lab\n");
        for (int s = 1; s < subnets; s++) {
            sb.append("subnet ").append(network(s)).append(".0.0/16 router ").append(network(s))
                .append(".0.1 next-server 10.78.0.1 dns 10.78.0.1 domain rack").append(s).append(".lab\n");
        }
        return sb.toString();
    }

    private static String network(int s) {
        return s == 0 ? "10.78" : (172 + (20 + s - 1) / 256) + "." + ((20 + s - 1) % 256);
    }

    /** Node i in block i*K/N, like racks; 48 switches and PDUs on the head node's network. */
    private static List<ConfigRecord> cluster(int nodes, int subnets) {
        List<ConfigRecord> out = new ArrayList<>(nodes + 48);
        for (int i = 1; i <= nodes; i++) {
            out.add(SyntheticCluster.node(i, 1, address(i, nodes, subnets)));
        }
        for (int h = 1; h <= 48; h++) {
            out.add(new HostReservation(SyntheticCluster.mac(0xEE0000 + h), Ipv4Address.parse("10.78.250.0").plus(h),
                List.of("sw" + h)));
        }
        return out;
    }

    private static int subnetOf(int i, int nodes, int subnets) {
        return (int) ((long) (i - 1) * subnets / nodes);
    }

    private static Ipv4Address address(int i, int nodes, int subnets) {
        int s = subnetOf(i, nodes, subnets);
        int first = (int) ((long) s * nodes / subnets) + 1;
        return Ipv4Address.parse(network(s) + ".1.0").plus(i - first);
    }

    /** An address no node holds, in node {@code index}'s own subnet (above every node's: a /16 holds 65,000). */
    private static Ipv4Address spare(int index, int nodes, int subnets, int k) {
        return Ipv4Address.parse(network(subnetOf(index, nodes, subnets)) + ".240.0").plus(k);
    }

    private static NodeBootConfig copy(NodeBootConfig n, Ipv4Address ip, BootStage stage) {
        return new NodeBootConfig(n.node(), n.index(), n.macs(), ip, n.sequence(), stage, n.bootClass(), n.wipe(),
            n.generation() + 1, n.time());
    }

    private static Sample apply(GeneratedTree tree, NodeBootConfig after, Map<String, ConfigRecord> latest)
            throws IOException {
        Step s = Step.start();
        ApplyReport r = tree.apply(List.of(ConfigChange.of(after.key(), after)), true);
        s.stop();
        latest.put(after.key(), after);
        return new Sample(s, r.stats().written(), r.changes().stream().map(c -> c.path()).filter(p -> !p.contains("/"))
            .sorted().toList());
    }

    private static void time(String command, int runs) throws Exception {
        String tool = command.substring(0, command.indexOf(' '));
        boolean installed = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
            .anyMatch(d -> Files.isExecutable(Path.of(d, tool))) || Files.isExecutable(Path.of("/usr/sbin", tool));
        if (!installed) {
            System.out.printf("%s: not installed, not timed%n", tool);
            return;
        }
        long[] ms = new long[runs];
        int exit = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(List.of("sh", "-c", "PATH=$PATH:/usr/sbin " + command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            exit = p.exitValue();
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        System.out.printf("validation '%s': %s ms (exit %d)%n", command, Arrays.toString(ms), exit);
    }

    private static String sizes(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("dhcpd.conf", "kea-dhcp4.json", "dnsmasq/pxeflow.conf", "hosts", "ethers", "exports",
                "cluster.conf")) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) {
                sb.append(f).append(' ').append(Files.size(p) / 1024).append(" KiB, ");
            }
        }
        return sb.toString();
    }

    private static String load() {
        try {
            String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return l[0] + " " + l[1] + " " + l[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Wall and CPU time of one step on this thread. */
    private static final class Step {
        private final long wall0 = System.nanoTime();
        private final long cpu0 = CPU.getCurrentThreadCpuTime();
        private double wallMs;
        private double cpuMs;

        static Step start() {
            return new Step();
        }

        void stop() {
            wallMs = (System.nanoTime() - wall0) / 1e6;
            cpuMs = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%9.1f ms (cpu %8.1f ms)", wallMs, cpuMs);
        }
    }

    private record Sample(Step step, int written, List<String> sharedWritten) {
    }

    /** Several changes of one kind: their spread, and what a typical one wrote. */
    private static final class Series {
        private final String name;
        private final List<Sample> samples = new ArrayList<>();

        Series(String name) {
            this.name = name;
        }

        void add(Sample s) {
            samples.add(s);
        }

        void print() {
            double[] wall = samples.stream().mapToDouble(s -> s.step().wallMs).sorted().toArray();
            double[] cpu = samples.stream().mapToDouble(s -> s.step().cpuMs).sorted().toArray();
            Sample last = samples.get(samples.size() - 1);
            System.out.printf("%-28s n=%d wall min/median/p90/max %.1f / %.1f / %.1f / %.1f ms; cpu median %.1f ms;"
                    + " files written %d, shared ones %s%n", name + ":", wall.length, wall[0], wall[wall.length / 2],
                wall[(int) Math.ceil(wall.length * 0.9) - 1], wall[wall.length - 1], cpu[cpu.length / 2], last.written(),
                last.sharedWritten());
        }
    }
}
