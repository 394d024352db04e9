package io.pxeflow.headnode;

import io.micrometer.core.instrument.MeterRegistry;
import io.pxeflow.power.worker.PowerSettings;
import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.power.worker.PowerWorker;
import java.nio.file.Path;
import java.util.Map;

/** Starts the all-in-one's power worker: every node, the head node's credentials files. */
final class PowerLauncher {
    private PowerLauncher() {
    }

    /**
     * The all-in-one acts for every node with a BMC; a node without one is refused by the API
     * before a request exists. Requests for BMCs whose credentials file is missing fail with a
     * message naming the file, so a first {@code ctl power status} says what to set up.
     */
    static PowerWorker start(KafkaConnection kafka, String topicPrefix, Path credentialsDir, MeterRegistry registry) {
        return new PowerWorker(kafka.asMap(), PowerSettings.fromMap(Map.of("power.id", "power-1", "topic.prefix", topicPrefix,
            "bmc.credentials-dir", credentialsDir.toAbsolutePath().toString())), registry, java.time.Clock.systemUTC()).start();
    }
}
