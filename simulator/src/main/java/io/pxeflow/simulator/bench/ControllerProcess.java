package io.pxeflow.simulator.bench;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.simulator.EmbeddedStack;
import java.nio.file.Path;
import java.util.Map;

/**
 * A controller in its own JVM, so that it can be killed with SIGKILL and its memory measured
 * alone. Arguments: bootstrap, topic prefix, state directory, then any {@code key=value} config
 * overrides. Prints {@code PORT n} once its HTTP server listens and {@code READY} once it is ready
 * (streams running, view caught up), so its parent needs no HTTP to know.
 */
public final class ControllerProcess {
    private ControllerProcess() {
    }

    public static void main(String[] args) throws Exception {
        PrometheusMeterRegistry registry = ControllerApp.newRegistry();
        new JvmMemoryMetrics().bindTo(registry);
        Map<String, String> settings = EmbeddedStack.controllerSettings(args[0], args[1], Path.of(args[2]));
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            settings.put(kv[0], kv[1]);
        }
        ControllerApp app = new ControllerApp(ControllerConfig.fromMap(settings), registry).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "controller-stop"));
        System.out.println("PORT " + app.httpPort());
        System.out.flush();
        while (!app.ready()) {
            Thread.sleep(20);
        }
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}
