package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** How the end-to-end tests wire a head node's processes: the settings a real head node would give them. */
final class HeadNodeWiring {
    private HeadNodeWiring() {
    }

    static Map<String, String> controllerSettings(String kafka, String prefix, Path data, String instance, String token,
                                                  int partitions) {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap", kafka);
        m.put("topics.prefix", prefix);
        m.put("http.port", "0");
        m.put("instance.id", instance);
        m.put("state.dir", data.resolve("controller").toString());
        m.put("admin.token", token);
        m.put("topics.partitions", Integer.toString(partitions));
        return m;
    }

    /** The bridge as docs/dhcp-dnsmasq.md wires it: the hook's spool and dnsmasq's log. */
    static Map<String, String> bridgeSettings(String kafka, String prefix, Path spool, Path log, Path tftpRoot,
                                              String server) {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap", kafka);
        m.put("topic-prefix", prefix);
        m.put("spool", spool.toString());
        m.put("dnsmasq-log", log.toString());
        m.put("from-start", "true");
        m.put("server", server);
        m.put("tftp-roots", tftpRoot.toString());
        m.put("poll-ms", "50");
        m.put("spool-fsync", "false");
        return m;
    }

    /** The dnsmasq hook exactly as shipped in bridge/bin, copied so its mode does not depend on the checkout. */
    static Path hook(Path dir) throws Exception {
        Path shipped = Path.of("").toAbsolutePath().getParent().resolve("bridge/bin/pxeflow-dnsmasq-hook");
        assertTrue(Files.isRegularFile(shipped), "the dnsmasq hook is shipped at " + shipped);
        Path copy = dir.resolve("pxeflow-dnsmasq-hook");
        Files.copy(shipped, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        return copy;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Thread.sleep(50);
        }
    }
}
