package io.pxeflow.simulator.bench;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.simulator.EmbeddedStack;
import java.nio.file.Path;

/**
 * A controller in its own JVM, so the recovery benchmark can kill it with SIGKILL and measure its
 * memory alone. Arguments: bootstrap, topic prefix, state directory. Prints {@code PORT n} once
 * its HTTP server listens.
 */
public final class ControllerProcess {
    private ControllerProcess() {
    }

    public static void main(String[] args) throws Exception {
        PrometheusMeterRegistry registry = ControllerApp.newRegistry();
        new JvmMemoryMetrics().bindTo(registry);
        ControllerApp app = new ControllerApp(ControllerConfig.fromMap(
            EmbeddedStack.controllerSettings(args[0], args[1], Path.of(args[2]))), registry).start();
        System.out.println("PORT " + app.httpPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
