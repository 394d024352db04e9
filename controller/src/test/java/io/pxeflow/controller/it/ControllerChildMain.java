package io.pxeflow.controller.it;

import io.pxeflow.controller.ControllerApp;
import java.nio.file.Path;
import java.util.Map;

/**
 * A controller alone in its own JVM, for tests that kill it with SIGKILL. Arguments: bootstrap,
 * topic prefix, instance id, state dir, partitions, then any {@code key=value} config overrides.
 * Prints {@code READY} once serving.
 */
public final class ControllerChildMain {
    private ControllerChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> config = TestCluster.controllerConfig(args[0], args[1], args[2], Path.of(args[3]),
            Integer.parseInt(args[4]));
        for (int i = 5; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            config.put(kv[0], kv[1]);
        }
        ControllerApp app = Controllers.startReady(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "controller-stop"));
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}
