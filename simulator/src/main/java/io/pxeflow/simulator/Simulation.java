package io.pxeflow.simulator;

import io.pxeflow.controller.domain.ControllerPolicy;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.simulator.model.Comparison;
import io.pxeflow.simulator.model.Divergence;
import io.pxeflow.simulator.model.ReferenceModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: register the fleet, play the scenario on the real topics, then compare the
 * controller's compacted node states with the reference model until they agree or time runs out.
 */
public final class Simulation {
    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    private static final int REPROVISION_WAVES = 3;

    private final SimulationSettings settings;
    private final ControllerPolicy policy = ControllerPolicy.defaults();
    private final ReferenceModel model = new ReferenceModel(policy);
    private final Supplier<Map<String, Long>> reloadRuns;
    private final long debounceMillis;
    private final Disruption disruption;

    /** {@code reloadRuns} reads the generator's reload counters, or is null when the generator is not ours. */
    public Simulation(SimulationSettings settings, Supplier<Map<String, Long>> reloadRuns, long debounceMillis) {
        this(settings, reloadRuns, debounceMillis, null);
    }

    /** The same, with {@code disruption} (or null) done to the system while the scenario plays. */
    public Simulation(SimulationSettings settings, Supplier<Map<String, Long>> reloadRuns, long debounceMillis,
                      Disruption disruption) {
        this.settings = settings;
        this.reloadRuns = reloadRuns;
        this.debounceMillis = debounceMillis;
        this.disruption = disruption;
    }

    public SimulationResult run() throws InterruptedException {
        List<SimNode> fleet = Fleet.build(settings.nodes(), settings.scenario(), settings.seed());
        List<String> names = fleet.stream().map(SimNode::name).toList();
        try (Outbox out = new Outbox(settings.kafka(), settings.topics());
             ConfigStatusTracker tracker = new ConfigStatusTracker(settings.kafka(), settings.topics().configStatus(),
                 settings.topics().config());
             Player player = new Player()) {
            long t0 = System.nanoTime();
            register(fleet, out);
            double registerSeconds = seconds(t0);
            long t1 = System.nanoTime();
            if (settings.awaitConfig()) {
                awaitFirstConfigs(tracker, names);
            }
            double configSeconds = seconds(t1);

            Map<String, Long> reloadsBefore = reloadRuns == null ? null : reloadRuns.get();
            long t2 = System.nanoTime();
            List<NodeRun> runs = fleet.stream().map(NodeRun::new).toList();
            Scripts scripts = new Scripts(player, out, model, tracker, settings.timing(), policy, new Random(settings.seed()),
                settings.awaitConfig());
            schedule(player, scripts, runs);
            player.every(100, () -> scripts.pump(runs));
            player.start();
            if (disruption != null) {
                disruption.playStarted(scriptSpan(player));
            }
            while (!player.scriptsDone()) {
                if (player.failure() != null) {
                    throw new IllegalStateException("the simulator's player failed", player.failure());
                }
                if (disruption != null && disruption.failure() != null) {
                    throw new IllegalStateException("the disruption failed", disruption.failure());
                }
                Thread.sleep(200);
            }
            if (disruption != null) {
                // Heartbeats go on meanwhile: the player pumps them until it is closed.
                disruption.awaitDone();
            }
            out.flush();
            double playSeconds = seconds(t2);
            awaitLatencies(tracker);
            Map<String, Long> reloads = reloadRuns == null ? null : difference(reloadRuns.get(), reloadsBefore);

            long t3 = System.nanoTime();
            List<Divergence> divergences = verify(fleet);
            double verifySeconds = seconds(t3);
            if (out.failures() > 0) {
                divergences = new ArrayList<>(divergences);
                divergences.add(new Divergence("simulator", "sends", "all acknowledged", out.failures() + " failed"));
            }
            return new SimulationResult(settings, registerSeconds, configSeconds, playSeconds, verifySeconds, out.summary(),
                tracker.latencies(), tracker.stillPending(), reloads, debounceMillis,
                disruption == null ? List.of() : disruption.report(), tracker.split(), divergences);
        }
    }

    /**
     * Roughly how long the scripted play lasts: the last step scheduled up front (a power-on or a
     * reprovision wave) plus one more install-and-boot after it.
     */
    private long scriptSpan(Player player) {
        Timing t = settings.timing();
        return player.lastScripted() + 3_000 + t.installMillis() + t.bootMillis();
    }

    private void register(List<SimNode> fleet, Outbox out) throws InterruptedException {
        Instant now = Instant.now();
        for (SimNode n : fleet) {
            model.registered(n.name(), n.sequence());
            out.command(new Command.PutNode(n.name(), Wire.meta(now), n.spec(Fleet.BOOT_CLASS), null));
        }
        out.flush();
        Progress.await("nodes registered", () -> nodeStates().size(), fleet.size(), Duration.ofSeconds(60),
            Duration.ofSeconds(1));
        LOG.info("simulator: {} nodes registered", fleet.size());
    }

    private void awaitFirstConfigs(ConfigStatusTracker tracker, List<String> names) throws InterruptedException {
        Progress.await("first configs applied", () -> tracker.appliedAtLeast(names, 1), names.size(),
            Duration.ofSeconds(60), Duration.ofMillis(500));
    }

    /** Waits (boundedly) for the configs that PXE answers caused to be applied, so reloads are all counted. */
    private void awaitLatencies(ConfigStatusTracker tracker) throws InterruptedException {
        if (!settings.awaitConfig()) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (tracker.stillPending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private void schedule(Player player, Scripts scripts, List<NodeRun> runs) {
        Random random = new Random(settings.seed() * 31 + 7);
        long window = settings.window().toMillis();
        for (NodeRun r : runs) {
            scripts.start(r, window == 0 ? 0 : (long) (random.nextDouble() * window));
        }
        int unknown = settings.scenario().unknownMacs(runs.size());
        for (int i = 1; i <= unknown; i++) {
            scripts.unknownClient(Fleet.mac(0x06, i), window == 0 ? 0 : (long) (random.nextDouble() * window));
        }
        if (settings.scenario().reprovisionWaves()) {
            Timing t = settings.timing();
            long firstWave = window + t.installMillis() + 2 * t.bootMillis() + 8_000;
            for (int w = 0; w < REPROVISION_WAVES; w++) {
                int wave = w;
                player.at(firstWave + w * 5_000L, () -> {
                    for (NodeRun r : runs) {
                        int i = r.node.index();
                        if (r.node.behaviour() == Behaviour.HEALTHY && r.node.sequence() == BootSequence.PXE_LOCAL
                            && i % 2 == 0 && (i / 2) % REPROVISION_WAVES == wave) {
                            scripts.reprovision(r, i % 4 == 0);
                        }
                    }
                });
            }
        }
    }

    private List<Divergence> verify(List<SimNode> fleet) throws InterruptedException {
        long deadline = System.nanoTime() + settings.settle().toNanos();
        while (true) {
            Map<String, byte[]> discovered = TopicSnapshot.read(settings.kafka(), settings.topics().discovered(),
                Duration.ofSeconds(60));
            List<Divergence> d = new ArrayList<>(Comparison.compare(model.expectations(Instant.now()), nodeStates(),
                model.unknownMacs(), discovered.keySet()));
            for (SimNode n : fleet) {
                if (discovered.containsKey(n.mac().value())) {
                    d.add(new Divergence(n.name(), "discovered", "not listed (registered)",
                        "listed as an unknown client " + n.mac().value()));
                }
            }
            if (d.isEmpty() || System.nanoTime() > deadline) {
                logHistories(d);
                return d;
            }
            LOG.info("simulator: {} divergences left, e.g. {}; waiting for the controller", d.size(), d.get(0));
            Thread.sleep(2_000);
        }
    }

    /** What the controller recorded about the first diverging nodes: their commands and lifecycle events. */
    private void logHistories(List<Divergence> divergences) {
        Set<String> nodes = new TreeSet<>();
        for (Divergence d : divergences) {
            if (nodes.size() < 3 && model.has(d.subject())) {
                nodes.add(d.subject());
            }
        }
        if (nodes.isEmpty()) {
            return;
        }
        Map<String, List<byte[]>> commands = TopicSnapshot.history(settings.kafka(), settings.topics().commands(), nodes,
            Duration.ofSeconds(120));
        Map<String, List<byte[]>> events = TopicSnapshot.history(settings.kafka(), settings.topics().events(), nodes,
            Duration.ofSeconds(120));
        for (String n : nodes) {
            LOG.info("simulator: node {} diverged; commands sent: {}", n, texts(commands.get(n)));
            LOG.info("simulator: node {} diverged; its lifecycle events: {}", n, texts(events.get(n)));
        }
    }

    private static List<String> texts(List<byte[]> records) {
        return records == null ? List.of() : records.stream()
            .map(b -> "\n  " + new String(b, java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    private Map<String, NodeState> nodeStates() {
        Map<String, NodeState> out = new HashMap<>();
        TopicSnapshot.read(settings.kafka(), settings.topics().nodes(), Duration.ofSeconds(60)).forEach((k, v) -> {
            Decoded<NodeState> d = Codec.NODE_STATE.decode(v);
            if (d instanceof Decoded.Ok<NodeState> ok) {
                out.put(k, ok.value());
            } else {
                LOG.warn("simulator: node {} has an undecodable state: {}", k, ((Decoded.Failure<NodeState>) d).reason());
            }
        });
        return out;
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new java.util.TreeMap<>();
        after.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0L)));
        return out;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
