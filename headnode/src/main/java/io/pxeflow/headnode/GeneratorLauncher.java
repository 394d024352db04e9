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
     * No network setting: the inventory declares the networks. Only where the controller's iPXE
     * endpoint listens is told: its port, and its address when it is bound to one.
     *
     * @param ipxeHost the address iPXE clients reach the endpoint at, or null for the inventory's
     *                 (each subnet's {@code ipxe}, else the head node's address)
     */
    static GeneratorWorker start(String bootstrap, String topicPrefix, Path data, String ipxeHost, int ipxePort,
                                 MeterRegistry registry, Map<String, String> extra) {
        return start(KafkaConnection.plain(bootstrap), topicPrefix, data, ipxeHost, ipxePort, registry, extra);
    }

    /** The same generator on the topics under {@code topicPrefix} (the controller's {@code topics.prefix}), plus {@code extra} settings. */
    static GeneratorWorker start(KafkaConnection kafka, String topicPrefix, Path data, String ipxeHost, int ipxePort,
                                 MeterRegistry registry, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("generator.id", "generator-1");
        m.put("topic.prefix", topicPrefix);
        m.put("output.dir", data.resolve("generated").toString());
        m.put("boot.ipxe.port", Integer.toString(ipxePort));
        if (ipxeHost != null) {
            m.put("boot.ipxe.host", ipxeHost);
        }
        m.putAll(extra);
        return new GeneratorWorker(kafka, GeneratorSettings.fromMap(m), registry, java.time.Clock.systemUTC()).start();
    }
}
