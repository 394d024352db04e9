package io.pxeflow.simulator;

import io.pxeflow.protocol.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pxeflow simulate}: plays N synthetic nodes against a controller and checks where they end up. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Play synthetic nodes on the real topics (DHCP, PXE, heartbeats, commands) and compare the",
        "controller's final node states with a reference model; exits 1 on any divergence.",
        "Without --bootstrap it starts its own broker, controller and generator in this JVM."})
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", description = "An external Kafka cluster with a running controller (default: embedded)")
    String bootstrap;
    @Option(names = "--kafka-config", paramLabel = "FILE", description = "With --bootstrap: "
        + io.pxeflow.protocol.KafkaConnection.CONFIG_HELP + "; the simulator plays bridges and reporters and reads "
        + "state, so on a secure cluster it needs a super user")
    Path kafkaConfig;
    @Option(names = {"--topic-prefix", "--prefix"}, defaultValue = "pxeflow.",
        description = "Topic prefix, as the other subcommands spell it (default ${DEFAULT-VALUE})")
    String prefix;
    @Option(names = "--nodes", defaultValue = "100", description = "Number of nodes (default ${DEFAULT-VALUE})")
    int nodes;
    @Option(names = "--scenario", defaultValue = "boot-storm",
        description = "boot-storm, reprovision-wave, flapping, boot-loop, dying, unknown-macs or mixed (default ${DEFAULT-VALUE})")
    String scenario;
    @Option(names = "--duration", defaultValue = "10", description = "Seconds within which all nodes power on (default ${DEFAULT-VALUE})")
    int duration;
    @Option(names = "--heartbeat-interval", defaultValue = "2", description = "Reporter interval in seconds (default ${DEFAULT-VALUE})")
    int heartbeatSeconds;
    @Option(names = "--boot-ms", defaultValue = "3000", description = "Kernel served to first heartbeat (default ${DEFAULT-VALUE})")
    long bootMillis;
    @Option(names = "--install-ms", defaultValue = "3000", description = "Installer served to install-complete (default ${DEFAULT-VALUE})")
    long installMillis;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--settle", description = "Seconds to wait for convergence (default: 10 heartbeat intervals + 60)")
    Integer settleSeconds;
    @Option(names = "--data", description = "Embedded mode: state directory (default: a temporary one, deleted afterwards)")
    Path data;
    @Option(names = "--no-generator", description = "Embedded mode: run no generator (no config-applied latencies)")
    boolean noGenerator;
    // A real head node reloads dhcpd and dnsmasq; TFTP servers read pxelinux files from disk, so a
    // stage flip (pxelinux, iPXE, GRUB files only) needs no hook and is applied once it is written.
    @Option(names = "--reload-outputs", defaultValue = "dhcpd,dnsmasq",
        description = "Embedded generator: outputs with a reload hook (default ${DEFAULT-VALUE})")
    String reloadOutputs;
    @Option(names = "--reload-command", defaultValue = "true", description = "Embedded generator: the hook (default ${DEFAULT-VALUE})")
    String reloadCommand;
    @Option(names = "--debounce-ms", defaultValue = "2000", description = "Embedded generator: reload debounce (default ${DEFAULT-VALUE})")
    long debounceMillis;
    @Option(names = "--kill-controller", defaultValue = "0",
        description = {"Embedded mode: run the controller in a child JVM and kill it with SIGKILL this many times at",
            "random moments during the play, restarting it each time (default ${DEFAULT-VALUE})"})
    int kills;
    @Option(names = "--kill-seed", description = "Random seed of the kill moments (default: --seed)")
    Long killSeed;
    @Option(names = "--controller-opts", defaultValue = ControllerChild.DEFAULT_JAVA_OPTS,
        description = "JVM options of the killed controller's child JVM (default ${DEFAULT-VALUE})")
    String controllerOpts;

    @Override
    public Integer call() throws Exception {
        Topics topics = new Topics(prefix);
        Timing timing = new Timing(heartbeatSeconds, bootMillis, installMillis);
        Duration settle = Duration.ofSeconds(settleSeconds != null ? settleSeconds : 10L * heartbeatSeconds + 60);
        Scenario sc = Scenario.fromCode(scenario);
        if (bootstrap != null) {
            if (kills > 0) {
                throw new IllegalArgumentException("--kill-controller needs the embedded stack (no --bootstrap)");
            }
            io.pxeflow.protocol.KafkaConnection kafka = io.pxeflow.protocol.KafkaConnection.resolve(bootstrap, kafkaConfig,
                Map.of(), java.util.Set.of(), System.getenv());
            SimulationSettings s = new SimulationSettings(kafka.bootstrap(), topics, nodes, sc, Duration.ofSeconds(duration),
                timing, seed, settle, false, kafka.settings());
            return report(new Simulation(s, null, debounceMillis).run());
        }
        Path dir = data != null ? data : Files.createTempDirectory("pxeflow-sim");
        ControllerKills killer = kills == 0 ? null : new ControllerKills(kills, killSeed != null ? killSeed : seed, System.out,
            dir.resolve("logs"), controllerOpts, Map.of());
        try (EmbeddedStack stack = EmbeddedStack.start(dir, topics.prefix(), noGenerator ? null
            : EmbeddedStack.generatorSettings(dir, topics.prefix(), reloadOutputs, reloadCommand, debounceMillis),
            killer == null ? EmbeddedStack.IN_PROCESS : killer.launcher())) {
            SimulationSettings s = new SimulationSettings(stack.bootstrap(), topics, nodes, sc, Duration.ofSeconds(duration),
                timing, seed, settle, stack.hasGenerator());
            return report(new Simulation(s, stack.hasGenerator() ? stack::reloadRuns : null, debounceMillis, killer).run());
        } finally {
            if (data == null) {
                TempDirs.deleteTree(dir);
            }
        }
    }

    private static int report(SimulationResult r) {
        r.print(System.out);
        return r.ok() ? 0 : 1;
    }
}
