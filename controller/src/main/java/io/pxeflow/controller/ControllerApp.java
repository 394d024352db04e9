package io.pxeflow.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.api.ApiAuth;
import io.pxeflow.controller.api.HttpApi;
import io.pxeflow.controller.api.InventoryService;
import io.pxeflow.controller.domain.NodeStateMachine;
import io.pxeflow.controller.metrics.ApiRequestMetrics;
import io.pxeflow.controller.metrics.ClusterGauges;
import io.pxeflow.controller.metrics.ConsumerLag;
import io.pxeflow.controller.metrics.MetricsEndpoint;
import io.pxeflow.controller.metrics.MetricsScrape;
import io.pxeflow.controller.power.BootLoopPowerOff;
import io.pxeflow.controller.power.PowerRequestPublisher;
import io.pxeflow.controller.power.PowerRequests;
import io.pxeflow.controller.runtime.CommandPublisher;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.controller.runtime.ControllerMetrics;
import io.pxeflow.controller.runtime.ControllerTopology;
import io.pxeflow.controller.runtime.StreamsRuntime;
import io.pxeflow.controller.runtime.TopicInstaller;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.metrics.ProcessMetrics;
import io.pxeflow.protocol.codec.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One controller instance: topics, the Streams runtime, the cluster view, HTTP. */
public final class ControllerApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerApp.class);
    public static final String VERSION = "0.1.0";

    private final ControllerConfig config;
    private final PrometheusMeterRegistry registry;
    private StreamsRuntime streams;
    private ClusterView view;
    private CommandPublisher publisher;
    private InventoryService inventory;
    private PowerRequestPublisher power;
    private BootLoopPowerOff bootLoopPowerOff;
    private Vertx vertx;
    private HttpServer http;
    private HttpServer boot;
    private Router adminRouter;
    private Router bootRouter;
    private ProcessMetrics processMetrics;

    private volatile boolean held;

    public ControllerApp(ControllerConfig config, PrometheusMeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    public ControllerApp start() throws Exception {
        formatNumbersTheCheapWay();
        processMetrics = ProcessMetrics.bind(registry);
        TopicInstaller.ensure(config.kafka(), config.topics(), config.partitions(), config.replication());
        NodeStateMachine machine = new NodeStateMachine(config.policy());
        view = new ClusterView(config.kafka(), config.topics(), config.instanceId());
        ControllerMetrics metrics = new ControllerMetrics(registry);
        metrics.declareDeadLetters(ControllerTopology.inputs(config.topics()));
        streams = new StreamsRuntime(config, machine, Clock.systemUTC(), metrics);
        publisher = new CommandPublisher(config.kafka(), config.topics(), config.instanceId());
        inventory = new InventoryService(view, publisher);
        ClusterGauges.register(registry, view, this::ready);
        power = new PowerRequestPublisher(config.kafka(), config.topics(), config.instanceId());
        PowerRequests powerRequests = new PowerRequests(config.powerRequestTtl());
        MetricsScrape scrape = new MetricsScrape(registry, view::nodes, view::heartbeat, view.power(),
            new ConsumerLag(streams.streams()::metrics, topicNames()), Clock.systemUTC());
        // The view's replay is the longer half of a restarted controller's wait for readiness.
        view.start();
        streams.start();
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new ApiRequestMetrics(registry, router).mount();
        router.get("/healthz").handler(c -> c.response().end("ok\n"));
        router.get("/readyz").handler(c -> {
            boolean ready = ready();
            c.response().setStatusCode(ready ? 200 : 503).end(ready ? "ready\n"
                : "not ready: streams " + streams.state() + ", view " + (view.caughtUp() ? "caught up" : "replaying")
                    + ", kafka " + (view.brokerReachable() ? "reachable" : "unreachable") + "\n");
        });
        // Metrics name every node and its load: a read like any other, so it takes a token (Prometheus
        // sends one with `authorization: {credentials_file: ...}`).
        ApiAuth auth = new ApiAuth(config.tokens());
        router.route("/metrics").handler(auth);
        router.get("/metrics").handler(new MetricsEndpoint(scrape)::handle);
        HttpApi api = new HttpApi(vertx, view, publisher, inventory, auth, config.ipxeImageBase(), this::info);
        api.power(power, powerRequests).mount(router);
        if (config.bootLoopPowerOff()) {
            bootLoopPowerOff = new BootLoopPowerOff(view, power, powerRequests, Clock.systemUTC()).start();
        }
        HttpServerOptions options = new HttpServerOptions();
        if (config.https()) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCert().toString())
                .setKeyPath(config.tlsKey().toString()));
        }
        http = vertx.createHttpServer(options).requestHandler(router).listen(config.httpPort(), config.httpHost())
            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        adminRouter = router;
        bootRouter = Router.router(vertx);
        api.mountBoot(bootRouter);
        boot = vertx.createHttpServer().requestHandler(bootRouter).listen(config.bootPort(), config.bootHost())
            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.info("controller {} serving the API at {}://{}:{} ({}), boot scripts at http://{}:{}/boot/ipxe (kafka {})",
            config.instanceId(), config.https() ? "https" : "http", config.httpHost(), http.actualPort(),
            auth.enabled() ? "tokens " + config.tokens().stream().map(t -> t.name() + " (" + t.role().name().toLowerCase(
                java.util.Locale.ROOT) + ")").toList() : "NO TOKEN: open to every local user", config.bootHost(),
            boot.actualPort(), config.kafka().describe());
        if (auth.enabled() && !config.https() && !ControllerConfig.loopback(config.httpHost())) {
            LOG.warn("the admin API at {}:{} is plain HTTP: its tokens cross the network in clear; serve HTTPS with "
                + "--tls-cert/--tls-key", config.httpHost(), http.actualPort());
        }
        if (!auth.enabled()) {
            LOG.warn("the admin API at {}:{} takes no token: anyone on this machine can read and change the cluster; "
                + "give one with --token-file", config.httpHost(), http.actualPort());
        }
        return this;
    }

    /** The admin listener's routes, as {@code "GET /api/v1/nodes/{name}"}: what docs/openapi.yaml must document. */
    public java.util.List<String> adminRoutes() {
        return routes(adminRouter);
    }

    /** The node-facing listener's routes: the iPXE endpoint only. */
    public java.util.List<String> bootRoutes() {
        return routes(bootRouter);
    }

    private static java.util.List<String> routes(Router r) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (io.vertx.ext.web.Route route : r.getRoutes()) {
            if (route.methods() != null && route.getPath() != null) {
                String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
                route.methods().forEach(m -> out.add(m.name() + " " + path));
            }
        }
        return out;
    }

    /** The node-facing listener's port (iPXE scripts). */
    public int bootPort() {
        return boot.actualPort();
    }

    /**
     * Kafka Streams 4.3.1 formats a log message with {@code String.format} for every empty input
     * partition on every record it processes, whether or not anything is logged
     * ({@code PartitionGroup.readyToProcess}); the controller's tasks have five inputs, four of them
     * empty most of the time. In JDK 17 such a format costs two to three times as much in a locale
     * other than {@code en_US} (it looks the locale's digits up on every call), such as the plain
     * {@code en} a Debian head node gets from its default {@code LANG=C.UTF-8}: a fifth of a stream
     * thread's time under a heartbeat load, in a profile of a development run. Numbers are formatted the US way in this process, which is
     * also what every machine-readable thing it prints wants.
     */
    private static void formatNumbersTheCheapWay() {
        if (!Locale.US.equals(Locale.getDefault(Locale.Category.FORMAT))) {
            Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        }
    }

    /**
     * Ready: serving, and no start-up task (the all-in-one's example import) still holds readiness
     * back. Serving needs the broker too: while it is unreachable, Streams still says RUNNING, but
     * nothing is processed and every write fails.
     */
    public boolean ready() {
        return serving() && !held;
    }

    private boolean serving() {
        return streams != null && streams.running() && view != null && view.caughtUp() && view.brokerReachable();
    }

    /**
     * Keeps {@code /readyz} at 503 until {@link #releaseReadiness()}: a new user who sees 200 must
     * also see the example cluster, not an empty one that fills a moment later.
     */
    public ControllerApp holdReadiness() {
        held = true;
        return this;
    }

    public void releaseReadiness() {
        held = false;
    }

    public int httpPort() {
        return http.actualPort();
    }

    public ClusterView view() {
        return view;
    }

    public InventoryService inventory() {
        return inventory;
    }

    /** Imports {@code file} when the cluster has no nodes yet, so a new user sees a cluster at once. */
    public void importIfEmpty(Path file, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!serving() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        if (!view.nodes().isEmpty()) {
            return;
        }
        if (!Files.exists(file)) {
            LOG.warn("the example inventory {} does not exist; starting with an empty cluster", file.toAbsolutePath());
            return;
        }
        var result = inventory.importFile(file.toString(), Files.readString(file), false, "pxeflow up (example)");
        int added = result.diff().addedNames().size();
        // The import is published; wait until the view shows it, so "ready" means the nodes are listed.
        while (view.nodes().size() < added && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        LOG.info("loaded the example inventory {}: {} nodes added", file, added);
    }

    private java.util.Set<String> topicNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        config.topics().all().forEach(t -> names.add(t.name()));
        return names;
    }

    private ObjectNode info() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("version", VERSION);
        o.put("instance", config.instanceId());
        o.put("kafkaBootstrap", config.kafkaBootstrapAdvertised());
        o.put("topicPrefix", config.topics().prefix());
        o.put("nodes", view.nodes().size());
        o.put("ready", ready());
        return o;
    }

    @Override
    public void close() {
        // In order, each awaited: closing Vert.x while the server still closes makes Netty log an
        // ERROR (a listener notification rejected by a terminated event loop) on every stop.
        if (http != null) {
            awaitQuietly(http.close());
        }
        if (boot != null) {
            boot.close();
        }
        if (vertx != null) {
            awaitQuietly(vertx.close());
        }
        if (bootLoopPowerOff != null) {
            bootLoopPowerOff.close();
        }
        if (view != null) {
            view.close();
        }
        if (streams != null) {
            streams.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (power != null) {
            power.close();
        }
        if (processMetrics != null) {
            processMetrics.close();
        }
    }

    private static void awaitQuietly(io.vertx.core.Future<Void> closing) {
        try {
            closing.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("closing the HTTP server: {}", e.toString());
        }
    }
}
