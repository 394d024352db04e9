package io.pxeflow.simulator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.generator.worker.GeneratorWorker;
import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code bin/pxeflow up} runs, started for a simulation: a real broker, a controller and
 * (optionally) a generator whose reload hooks are a harmless command, counted. The controller
 * runs in this JVM unless a {@link ControllerLauncher} puts it elsewhere (a child JVM to kill).
 */
public final class EmbeddedStack implements AutoCloseable {
    public static final String GENERATOR_ID = "sim-generator";

    /** The stack's controller, wherever it runs. */
    public interface RunningController extends AutoCloseable {
        boolean ready();

        /** Its REST API's port, once it is ready. */
        int httpPort() throws Exception;

        @Override
        void close();
    }

    /** Starts the stack's controller against a broker, before the generator (it creates the topics). */
    @FunctionalInterface
    public interface ControllerLauncher {
        RunningController start(String bootstrap, String prefix, Path dir) throws Exception;
    }

    /** A controller in this JVM. */
    public static final ControllerLauncher IN_PROCESS = (bootstrap, prefix, dir) -> {
        ControllerApp app = new ControllerApp(ControllerConfig.fromMap(controllerSettings(bootstrap, prefix, dir)),
            ControllerApp.newRegistry()).start();
        return new RunningController() {
            @Override
            public boolean ready() {
                return app.ready();
            }

            @Override
            public int httpPort() {
                return app.httpPort();
            }

            @Override
            public void close() {
                app.close();
            }
        };
    };

    private final EmbeddedKafkaBroker broker;
    private final String bootstrap;
    private final RunningController controller;
    private final GeneratorWorker generator;
    private final PrometheusMeterRegistry generatorRegistry;

    private EmbeddedStack(EmbeddedKafkaBroker broker, String bootstrap, RunningController controller, GeneratorWorker generator,
                          PrometheusMeterRegistry generatorRegistry) {
        this.broker = broker;
        this.bootstrap = bootstrap;
        this.controller = controller;
        this.generator = generator;
        this.generatorRegistry = generatorRegistry;
    }

    /** A generator's settings for the simulated network, reload hooks on {@code reloadOutputs}. */
    public static Map<String, String> generatorSettings(Path dir, String prefix, String reloadOutputs, String reloadCommand,
                                                        long debounceMillis) {
        Map<String, String> g = new HashMap<>();
        g.put("generator.id", GENERATOR_ID);
        g.put("topic.prefix", prefix);
        g.put("output.dir", dir.resolve("generated").toString());
        g.put("network.subnet", Fleet.SUBNET.toString());
        g.put("network.netmask", Fleet.NETMASK.toString());
        g.put("head.address", Fleet.HEAD.toString());
        g.put("reload.debounce.ms", Long.toString(debounceMillis));
        for (String out : reloadOutputs.split(",")) {
            if (!out.isBlank()) {
                g.put("reload." + out.trim(), reloadCommand);
            }
        }
        return g;
    }

    /** Starts a broker, then the stack, under {@code dir}; {@code generator} null runs no generator. */
    public static EmbeddedStack start(Path dir, String prefix, Map<String, String> generator) throws Exception {
        return start(dir, prefix, generator, IN_PROCESS);
    }

    /** The same, with the controller started by {@code launcher}. */
    public static EmbeddedStack start(Path dir, String prefix, Map<String, String> generator, ControllerLauncher launcher)
            throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build().start();
        try {
            return start(broker, broker.bootstrapServers(), dir, prefix, generator, launcher);
        } catch (Exception | Error e) {
            broker.stop();
            throw e;
        }
    }

    /** Starts a controller (and generator) against a broker someone else runs. */
    public static EmbeddedStack startOn(String bootstrap, Path dir, String prefix, Map<String, String> generator)
            throws Exception {
        return startOn(bootstrap, dir, prefix, generator, IN_PROCESS);
    }

    /** The same, with the controller started by {@code launcher}. */
    public static EmbeddedStack startOn(String bootstrap, Path dir, String prefix, Map<String, String> generator,
                                        ControllerLauncher launcher) throws Exception {
        return start(null, bootstrap, dir, prefix, generator, launcher);
    }

    private static EmbeddedStack start(EmbeddedKafkaBroker broker, String bootstrap, Path dir, String prefix,
                                       Map<String, String> generator, ControllerLauncher launcher) throws Exception {
        RunningController controller = launcher.start(bootstrap, prefix, dir);
        try {
            PrometheusMeterRegistry registry = ControllerApp.newRegistry();
            GeneratorWorker worker = generator == null ? null
                : new GeneratorWorker(bootstrap, GeneratorSettings.fromMap(generator), registry).start();
            EmbeddedStack stack = new EmbeddedStack(broker, bootstrap, controller, worker, registry);
            stack.awaitReady(Duration.ofSeconds(120));
            return stack;
        } catch (Exception | Error e) {
            controller.close();
            throw e;
        }
    }

    /** The embedded controller's admin token (its API needs one for reads too). */
    public static final String TOKEN = "simulator-admin-token";

    public static Map<String, String> controllerSettings(String bootstrap, String prefix, Path dir) {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap", bootstrap);
        m.put("topics.prefix", prefix);
        m.put("http.port", "0");
        m.put("instance.id", "sim-controller");
        m.put("state.dir", dir.resolve("controller").toString());
        m.put("admin.token", TOKEN);
        return m;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!controller.ready() || (generator != null && !generator.caughtUp())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the embedded controller/generator did not become ready within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    public String bootstrap() {
        return bootstrap;
    }

    public RunningController controller() {
        return controller;
    }

    public boolean hasGenerator() {
        return generator != null;
    }

    /** True while the generator's worker thread runs and it has replayed the config topic. */
    public boolean generatorAlive() {
        return generator != null && generator.alive() && generator.caughtUp();
    }

    /** Nodes and devices the generator currently renders. */
    public long generatorRecords() {
        io.micrometer.core.instrument.Gauge g = generatorRegistry.find("pxeflow.generator.records").gauge();
        return g == null ? 0 : (long) g.value();
    }

    /** Reload-hook runs so far, by output. */
    public Map<String, Long> reloadRuns() {
        Map<String, Long> out = new TreeMap<>();
        for (Counter c : generatorRegistry.find("pxeflow.generator.reload.runs").counters()) {
            out.merge(c.getId().getTag("output"), (long) c.count(), Long::sum);
        }
        return out;
    }

    @Override
    public void close() {
        if (generator != null) {
            generator.close();
        }
        controller.close();
        if (broker != null) {
            broker.stop();
        }
    }
}
