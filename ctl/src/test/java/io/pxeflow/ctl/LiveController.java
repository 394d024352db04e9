package io.pxeflow.ctl;

import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.testkit.KafkaTestClients;
import io.pxeflow.testkit.TestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A real controller for ctl's golden ITs: {@link ControllerApp} in this JVM on a free port, with
 * an admin token, on the shared test broker under a topic prefix of its own. It also plays the
 * cluster: iPXE fetches (the controller's own PXE events) and node-reporter heartbeats.
 */
final class LiveController implements AutoCloseable {
    static final String TOKEN = "live-admin-token";
    /** Small so a boot loop is three iPXE answers away. */
    static final int BOOT_LOOP_ANSWERS = 3;

    private final ControllerApp app;
    private final String bootstrap;
    private final Topics topics;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LiveController(ControllerApp app, String bootstrap, Topics topics) {
        this.app = app;
        this.bootstrap = bootstrap;
        this.topics = topics;
    }

    static LiveController start(Path stateDir) throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap", bootstrap);
        m.put("topics.prefix", prefix);
        m.put("topics.partitions", "2");
        m.put("http.port", "0");
        m.put("instance.id", "ctl-it");
        m.put("state.dir", stateDir.toString());
        m.put("admin.token", TOKEN);
        m.put("bootloop.answers", Integer.toString(BOOT_LOOP_ANSWERS));
        ControllerApp app = new ControllerApp(ControllerConfig.fromMap(m), ControllerApp.newRegistry()).start();
        LiveController live = new LiveController(app, bootstrap, new Topics(prefix));
        live.await("the controller to be ready", app::ready, Duration.ofSeconds(60));
        return live;
    }

    Topics topics() {
        return topics;
    }

    String bootstrap() {
        return bootstrap;
    }

    String url() {
        return "http://127.0.0.1:" + app.httpPort();
    }

    NodeState node(String name) {
        return app.view().node(name);
    }

    /** What a node's iPXE firmware does: fetch its script; the answer is the PXE event. */
    String ipxe(String mac) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.bootPort() + "/boot/ipxe?mac=" + mac))
            .GET().build();
        try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                throw new IllegalStateException("iPXE fetch for " + mac + " answered " + resp.statusCode());
            }
            return resp.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What node-reporter sends; a new boot id is a reboot. */
    void heartbeat(String node, String bootId) {
        Heartbeat hb = new Heartbeat(node, bootId, 1, Instant.now(), 60, "it", "5.14.0-it", 120.0, 0.52, 0.40, 0.31,
            0.08, 0.0, 8, 64L << 30, 52L << 30, 0L, 0L, null, null);
        KafkaTestClients.send(bootstrap, topics.heartbeats(), node, Codec.HEARTBEAT.encode(hb));
    }

    boolean discovered(String mac) {
        return app.view().discovered().stream().anyMatch(d -> d.mac().value().equals(mac));
    }

    long events(String node, LifecycleKind kind) {
        return app.view().events(node, 1000).stream().map(LifecycleEvent::kind).filter(kind::equals).count();
    }

    /** Runs {@code action} on its own thread once {@code node} logs one more event of {@code kind}. */
    Thread after(String node, LifecycleKind kind, Runnable action) {
        long before = events(node, kind);
        Thread t = new Thread(() -> {
            await(node + " " + kind.code(), () -> events(node, kind) > before, Duration.ofSeconds(30));
            action.run();
        }, "live-" + node);
        t.setDaemon(true);
        t.start();
        return t;
    }

    void await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
