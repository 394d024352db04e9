package io.pxeflow.headnode;

import io.micrometer.core.instrument.MeterRegistry;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.generator.worker.GeneratorWorker;
import io.pxeflow.protocol.KafkaConnection;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts the all-in-one's generator worker, writing to {@code <data>/generated}. */
final class GeneratorLauncher {
    private GeneratorLauncher() {
    }

    /**
     * The all-in-one renders into its data directory and runs no reload hooks: the head node it
     * runs on is the admin's laptop as often as a real head node, and restarting a system dhcpd
     * from a demo would be a surprise. A real head node runs {@code pxeflow generator --config}.
     */
    static GeneratorWorker start(String bootstrap, String topicPrefix, Path data, String ipxeUrl, MeterRegistry registry) {
        return start(KafkaConnection.plain(bootstrap), topicPrefix, data, ipxeUrl, registry);
    }

    /** The same generator on the topics under {@code topicPrefix} (the controller's {@code topics.prefix}). */
    static GeneratorWorker start(KafkaConnection kafka, String topicPrefix, Path data, String ipxeUrl, MeterRegistry registry) {
        Map<String, String> m = new HashMap<>();
        m.put("generator.id", "generator-1");
        m.put("topic.prefix", topicPrefix);
        m.put("output.dir", data.resolve("generated").toString());
        m.put("boot.ipxe.url", ipxeUrl);
        return new GeneratorWorker(kafka.asMap(), GeneratorSettings.fromMap(m), registry, java.time.Clock.systemUTC()).start();
    }
}
