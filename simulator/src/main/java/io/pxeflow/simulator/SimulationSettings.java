package io.pxeflow.simulator;

import io.pxeflow.protocol.Topics;
import java.time.Duration;

/**
 * One simulation run.
 *
 * @param window      all nodes power on within this time (the storm)
 * @param settle      how long verification may wait for the controller to converge
 * @param awaitConfig wait for a generator to apply every node's first config before the storm
 */
public record SimulationSettings(String bootstrap, Topics topics, int nodes, Scenario scenario, Duration window,
                                 Timing timing, long seed, Duration settle, boolean awaitConfig) {
    public SimulationSettings {
        if (nodes < 1) {
            throw new IllegalArgumentException("--nodes must be positive");
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("--duration must not be negative");
        }
    }
}
