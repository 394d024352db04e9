package io.pxeflow.controller.it;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.StagePolicy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The cluster the controller ITs drive: node{i} with one MAC and one IP each, class centos (seed 002). */
public final class TestCluster {
    public static final String TOKEN = "it-admin-token-0123456789";
    public static final ClassSpec CENTOS = new ClassSpec("centos", "/boot/vmlinuz-centos", "/boot/initrd-centos.img",
        "ks=nfs:10.54.0.1:/ks.cfg", null, null, null, StagePolicy.ON_PXE_SERVED);

    private TestCluster() {
    }

    public static String name(int i) {
        return "node" + i;
    }

    public static MacAddress mac(int i) {
        return MacAddress.of(String.format("02:00:00:00:%02x:%02x", i / 256, i % 256));
    }

    public static Ipv4Address ip(int i) {
        return Ipv4Address.parse("10.54." + (1 + i / 250) + "." + (1 + i % 250));
    }

    public static NodeSpec spec(int i) {
        return new NodeSpec(i, name(i), List.of(mac(i)), ip(i), CENTOS, null, BootSequence.PXE_LOCAL);
    }

    /** A controller's configuration: a free HTTP port, the test broker, a token for mutating calls. */
    public static Map<String, String> controllerConfig(String bootstrap, String prefix, String instance, Path stateDir,
                                                       int partitions) {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap", bootstrap);
        m.put("topics.prefix", prefix);
        m.put("http.port", "0");
        m.put("instance.id", instance);
        m.put("state.dir", stateDir.toString());
        m.put("admin.token", TOKEN);
        m.put("topics.partitions", Integer.toString(partitions));
        return m;
    }
}
