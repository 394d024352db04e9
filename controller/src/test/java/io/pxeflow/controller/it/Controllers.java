package io.pxeflow.controller.it;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Starting in-process controllers and reading what they know. */
public final class Controllers {
    private Controllers() {
    }

    public static ControllerApp startReady(Map<String, String> config) throws Exception {
        return startReady(config, ControllerApp.newRegistry());
    }

    /** As {@link #startReady(Map)}, with a registry the test reads the controller's meters from. */
    public static ControllerApp startReady(Map<String, String> config, PrometheusMeterRegistry registry) throws Exception {
        ControllerApp app = new ControllerApp(ControllerConfig.fromMap(config), registry).start();
        try {
            Await.until(Duration.ofSeconds(60), app::ready, () -> "controller " + config.get("instance.id") + " ready");
        } catch (AssertionError e) {
            app.close();
            throw e;
        }
        return app;
    }

    /** Waits until the controller's view shows {@code node} satisfying {@code condition}. */
    public static NodeState awaitNode(ControllerApp app, String node, Predicate<NodeState> condition, String what) {
        Await.until(Duration.ofSeconds(30), () -> {
            NodeState s = app.view().node(node);
            return s != null && condition.test(s);
        }, () -> node + " " + what + "; it is " + describe(app.view().node(node)));
        return app.view().node(node);
    }

    public static String describe(NodeState s) {
        return s == null ? "absent" : s.stage().code() + "/" + s.status().code() + " gen " + s.generation()
            + (s.wipe() ? " wipe" : "");
    }

    /** Every node the view holds, by name. */
    public static Map<String, NodeState> nodes(ControllerApp app) {
        Map<String, NodeState> m = new TreeMap<>();
        app.view().nodes().forEach(s -> m.put(s.name(), s));
        return m;
    }

    /** How many stage changes each node has announced (on {@code events}, as the view replayed them). */
    public static Map<String, Long> stageChanges(List<LifecycleEvent> events) {
        Map<String, Long> m = new TreeMap<>();
        events.stream().filter(e -> e.kind() == LifecycleKind.STAGE_CHANGED)
            .forEach(e -> m.merge(e.node(), 1L, Long::sum));
        return m;
    }
}
