package io.pxeflow.simulator;

import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import java.time.Duration;
import java.util.Map;

/**
 * One simulation run.
 *
 * @param window      all nodes power on within this time (the storm)
 * @param settle      how long verification may wait for the controller to converge
 * @param awaitConfig wait for a generator to apply every node's first config before the storm
 */
public record SimulationSettings(String bootstrap, Topics topics, int nodes, Scenario scenario, Duration window,
                                 Timing timing, long seed, Duration settle, boolean awaitConfig,
                                 Map<String, String> kafkaSettings) {
    /** A run on a plaintext cluster. */
    public SimulationSettings(String bootstrap, Topics topics, int nodes, Scenario scenario, Duration window, Timing timing,
                              long seed, Duration settle, boolean awaitConfig) {
        this(bootstrap, topics, nodes, scenario, window, timing, seed, settle, awaitConfig, Map.of());
    }

    /** Where Kafka is and how the simulator authenticates (it plays bridges and reporters, and reads state: a super user). */
    public KafkaConnection kafka() {
        return new KafkaConnection(bootstrap, kafkaSettings);
    }

    public SimulationSettings {
        kafkaSettings = new KafkaConnection(bootstrap, kafkaSettings).settings();
        if (nodes < 1) {
            throw new IllegalArgumentException("--nodes must be positive");
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("--duration must not be negative");
        }
    }
}
