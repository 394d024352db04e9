package io.pxeflow.simulator.cluster;

import io.pxeflow.generator.render.ClusterRenderer;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.field.BootFiles;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.simulator.Fleet;
import io.pxeflow.simulator.Scenario;
import io.pxeflow.simulator.SimNode;
import io.pxeflow.simulator.Simulation;
import io.pxeflow.simulator.SimulationResult;
import io.pxeflow.simulator.SimulationSettings;
import io.pxeflow.simulator.TempDirs;
import io.pxeflow.simulator.Timing;
import io.pxeflow.simulator.TopicSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The torture on a real distributed engine: a scenario played against three Kafka nodes, two
 * controllers and two generators (node-set shards) while a Kafka node, a controller and a
 * generator are killed mid-storm. It passes with 0 divergences from the reference model (stage,
 * status, boot id, wipe flag and generation of every node: no flip lost or doubled), every node's
 * pxelinux file in its shard's tree at its final stage, and no partial file ever seen.
 */
@Command(name = "torture-cluster", mixinStandardHelpOptions = true,
    description = {"Play synthetic nodes against 3 Kafka nodes (RF 3, min ISR 2), 2 controllers and 2 generator",
        "shards while killing a Kafka node, a controller and a generator; exits 1 on any divergence or partial file."})
public final class ClusterTorture implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "200", description = "Number of nodes (default ${DEFAULT-VALUE})")
    int nodes;
    @Option(names = "--scenario", defaultValue = "reprovision-wave", description = "Scenario (default ${DEFAULT-VALUE})")
    String scenario;
    @Option(names = "--duration", defaultValue = "20", description = "Seconds within which all nodes power on (default ${DEFAULT-VALUE})")
    int duration;
    @Option(names = "--heartbeat-interval", defaultValue = "2", description = "Reporter interval, s (default ${DEFAULT-VALUE})")
    int heartbeatSeconds;
    @Option(names = "--boot-ms", defaultValue = "2000", description = "Kernel served to first heartbeat (default ${DEFAULT-VALUE})")
    long bootMillis;
    @Option(names = "--install-ms", defaultValue = "2000", description = "Installer served to its report (default ${DEFAULT-VALUE})")
    long installMillis;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--settle", defaultValue = "300", description = "Seconds to wait for convergence (default ${DEFAULT-VALUE})")
    int settleSeconds;
    @Option(names = "--kill-broker", defaultValue = "1", description = "Kafka node stops (default ${DEFAULT-VALUE})")
    int brokerKills;
    @Option(names = "--broker-down", defaultValue = "15", description = "Seconds a stopped Kafka node stays down (default ${DEFAULT-VALUE})")
    int brokerDownSeconds;
    @Option(names = "--kill-controller", defaultValue = "1", description = "Controller SIGKILLs (default ${DEFAULT-VALUE})")
    int controllerKills;
    @Option(names = "--kill-generator", defaultValue = "1", description = "Generator SIGKILLs (default ${DEFAULT-VALUE})")
    int generatorKills;
    @Option(names = "--controller-opts", defaultValue = "-Xms128m -Xmx768m -XX:+UseG1GC",
        description = "JVM options of each controller (default ${DEFAULT-VALUE})")
    String controllerOpts;
    @Option(names = "--data", description = "State directory (default: a temporary one, deleted afterwards)")
    Path data;
    @Option(names = "--topic-prefix", defaultValue = "pxeflow.", description = "Topic prefix (default ${DEFAULT-VALUE})")
    String prefix;

    private final PrintStream out;

    public ClusterTorture() {
        this(System.out);
    }

    public ClusterTorture(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClusterTorture()).execute(args));
    }

    /** What a run found. */
    public record Outcome(SimulationResult simulation, int partialFiles, int filesChecked, List<String> wrongFiles,
                          int tempFilesLeft, List<String> kills) {
        public boolean ok() {
            return simulation.ok() && partialFiles == 0 && wrongFiles.isEmpty() && tempFilesLeft == 0;
        }
    }

    @Override
    public Integer call() throws Exception {
        Outcome o = run();
        return o.ok() ? 0 : 1;
    }

    public Outcome run() throws Exception {
        Path dir = (data != null ? data : Files.createTempDirectory("pxeflow-torture-cluster")).toAbsolutePath();
        Topics topics = new Topics(prefix);
        try (ClusterStack stack = ClusterStack.start(dir, topics.prefix(), controllerOpts,
                // Each SIGKILL leaves a transaction open until it times out; keep that short as the ITs do.
                Map.of("kafka.transaction-timeout-ms", "6000"), "dhcpd,dnsmasq", 1000)) {
            out.printf("cluster torture: %d nodes (%s), Kafka nodes %s, controllers %d, generator shards %s%n", nodes, scenario,
                stack.bootstrap(), stack.controllers.size(), ClusterStack.SHARDS);
            ClusterKills kills = new ClusterKills(stack, brokerKills, controllerKills, generatorKills,
                Duration.ofSeconds(brokerDownSeconds), seed, out);
            SimulationSettings s = new SimulationSettings(stack.bootstrap(), topics, nodes, Scenario.fromCode(scenario),
                Duration.ofSeconds(duration), new Timing(heartbeatSeconds, bootMillis, installMillis), seed,
                Duration.ofSeconds(settleSeconds), true);
            SimulationResult r = new Simulation(s, null, 1000, kills).run();
            r.print(out);
            List<SimNode> fleet = Fleet.build(nodes, Scenario.fromCode(scenario), seed);
            List<String> wrong = r.ok() ? awaitFilesAtFinalStage(stack, topics, fleet) : List.of("not checked: the model diverged");
            int temps = 0;
            for (GeneratorChild g : stack.generators) {
                kills.checkWhole(g.outputDir());
                temps += tempFiles(g.outputDir());
            }
            Outcome o = new Outcome(r, kills.partialFiles(), kills.filesChecked(), wrong, temps, kills.report());
            out.printf("generated trees: %d file reads checked (after each generator kill and at the end), %d partial;"
                + " %d pxelinux files not at their node's final stage; %d temp files left%n", o.filesChecked(),
                o.partialFiles(), wrong.size(), temps);
            wrong.stream().limit(10).forEach(w -> out.println("  " + w));
            out.println(o.ok() ? "PASSED" : "FAILED");
            return o;
        } finally {
            if (data == null) {
                TempDirs.deleteTree(dir);
            }
        }
    }

    /**
     * Every node's pxelinux file, in the tree of the generator whose shard it is in, names the
     * node's final stage (the generator applies the last generation shortly after the controller
     * publishes it): a flip lost on the way to disk shows here.
     */
    private List<String> awaitFilesAtFinalStage(ClusterStack stack, Topics topics, List<SimNode> fleet) throws Exception {
        Map<String, NodeState> finals = new HashMap<>();
        TopicSnapshot.read(stack.bootstrap(), topics.nodes(), Duration.ofSeconds(60)).forEach((k, v) -> {
            if (Codec.NODE_STATE.decode(v) instanceof Decoded.Ok<NodeState> ok) {
                finals.put(k, ok.value());
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            List<String> wrong = new ArrayList<>();
            for (SimNode n : fleet) {
                NodeState s = finals.get(n.name());
                GeneratorChild g = shardOf(stack, n.name());
                Path file = g.outputDir().resolve(ClusterRenderer.TFTP_DIR).resolve(BootFiles.pxelinux(n.mac()));
                String want = "stage " + (s == null ? "?" : s.stage().code()) + ".";
                String first = Files.exists(file) ? Files.readAllLines(file).stream().findFirst().orElse("") : "(missing)";
                if (s == null || !first.contains(want)) {
                    wrong.add(n.name() + ": " + file + " says \"" + first + "\", want \"" + want + "\"");
                }
            }
            if (wrong.isEmpty() || System.nanoTime() > deadline) {
                return wrong;
            }
            Thread.sleep(1000);
        }
    }

    private static GeneratorChild shardOf(ClusterStack stack, String node) {
        for (int i = 0; i < ClusterStack.SHARDS.size(); i++) {
            if (Pattern.matches(ClusterStack.SHARDS.get(i), node)) {
                return stack.generators.get(i);
            }
        }
        throw new IllegalStateException(node + " is in no shard");
    }

    /** Dot-named temp files ({@code .NAME.SEQ.PID.tmp}) left behind: a restarted generator removes its dead predecessor's. */
    private static int tempFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return (int) files.filter(p -> p.getFileName().toString().matches("\\..*\\.tmp")).count();
        }
    }
}
