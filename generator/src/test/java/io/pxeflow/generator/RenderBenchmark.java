package io.pxeflow.generator;

import io.pxeflow.generator.output.ApplyReport;
import io.pxeflow.generator.output.ConfigChange;
import io.pxeflow.generator.output.GeneratedTree;
import io.pxeflow.generator.output.PreSwapValidator;
import io.pxeflow.generator.render.ClusterRenderer;
import io.pxeflow.generator.render.ClusterSnapshot;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a synthetic cluster from scratch into an empty directory, then flips one node's stage,
 * and prints both times and the files written. Run (after {@code mvn -o -pl generator test-compile
 * dependency:build-classpath -Dmdep.outputFile=target/cp.txt}):
 * <pre>
 * java -cp generator/target/classes:generator/target/test-classes:$(cat generator/target/cp.txt) \
 *      io.pxeflow.generator.RenderBenchmark [nodes] [dir]
 * </pre>
 */
public final class RenderBenchmark {
    private RenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("pxeflow-bench");
        List<ConfigChange> changes = new ArrayList<>();
        for (ConfigRecord r : SyntheticCluster.records(nodes, 48)) {
            changes.add(ConfigChange.of(r.key(), r));
        }
        GeneratedTree tree = new GeneratedTree(Fixtures.settings(dir), PreSwapValidator.NONE, Clock.systemUTC());

        // Rendering alone, no I/O: what the CPU costs, apart from what the file system costs.
        ClusterRenderer renderer = new ClusterRenderer(Fixtures.settings(dir));
        long r0 = System.nanoTime();
        int rendered = 0;
        List<ConfigRecord> records = SyntheticCluster.records(nodes, 48);
        for (ConfigRecord r : records) {
            rendered += renderer.renderRecord(r).size();
        }
        rendered += renderer.renderShared(ClusterSnapshot.of(records)).size();
        long r1 = System.nanoTime();

        long t0 = System.nanoTime();
        ApplyReport full = tree.apply(changes, true);
        long t1 = System.nanoTime();

        NodeBootConfig before = SyntheticCluster.node(10, 1);
        NodeBootConfig after = new NodeBootConfig(before.node(), before.index(), before.macs(), before.ip(),
            before.sequence(), before.stage() == BootStage.PXE ? BootStage.LOCAL : BootStage.PXE, before.bootClass(),
            before.wipe(), 2, before.time());
        long t2 = System.nanoTime();
        ApplyReport one = tree.apply(List.of(ConfigChange.of(after.key(), after)), true);
        long t3 = System.nanoTime();

        System.out.printf("nodes=%d hosts=48 dir=%s cpus=%d%n", nodes, dir, Runtime.getRuntime().availableProcessors());
        System.out.printf("render only (no I/O): %6.1f ms, %d files in memory%n", (r1 - r0) / 1e6, rendered);
        System.out.printf("full render:        %8.1f ms, files written %d, skipped %d%n",
            (t1 - t0) / 1e6, full.stats().written(), full.stats().skipped());
        System.out.printf("single-node change: %8.1f ms, files written %d, skipped %d (%s)%n",
            (t3 - t2) / 1e6, one.stats().written(), one.stats().skipped(),
            one.changes().stream().map(c -> c.path()).toList());
    }
}
