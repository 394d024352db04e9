package io.pxeflow.power.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PowerSettingsTest {
    @Test
    void defaultsAreSafeForARackAtOnce() {
        PowerSettings s = PowerSettings.defaults();
        assertEquals("power", s.workerId());
        assertEquals(Path.of("/etc/pxeflow/bmc"), s.credentialsDir());
        assertEquals(20, s.fanOut().maxConcurrent());
        assertEquals(10.0, s.fanOut().perSecond());
        assertEquals(Duration.ofSeconds(10), s.callTimeout());
        assertEquals(3, s.retries().attempts());
        assertEquals("3", s.ipmiCipherSuite());
        assertNull(s.redfishCaFile());
        assertFalse(s.redfishInsecure());
        assertTrue(s.shard().takes("anything"));
        assertEquals("pxeflow.power", s.topics().power());
    }

    @Test
    void aRacksWorkerTakesOnlyItsNodes() {
        PowerSettings s = PowerSettings.fromMap(Map.of("power.id", "rack2", "node.filter", "r2n[0-9]+",
            "fanout.max-concurrent", "5", "fanout.per-second", "0.5", "ipmi.cipher-suite", "auto",
            "redfish.ca-file", "/etc/pxeflow/bmc-ca.pem", "topic.prefix", "lab."));
        assertTrue(s.shard().takes("r2n17"));
        assertFalse(s.shard().takes("r3n17"));
        assertFalse(s.shard().takes("xr2n1"), "the whole name must match");
        assertEquals(Duration.ofSeconds(2), s.fanOut().spacing());
        assertNull(s.ipmiCipherSuite());
        assertEquals(Path.of("/etc/pxeflow/bmc-ca.pem"), s.redfishCaFile());
        assertEquals("lab.power-status", s.topics().powerStatus());
        assertTrue(PowerSettings.fromMap(Map.of("node.names", "a1, a2")).shard().takes("a2"));
    }

    @Test
    void everyBadValueNamesItsKey() {
        for (Map<String, String> bad : java.util.List.of(Map.of("fanout.max-concurrent", "0"),
            Map.of("fanout.per-second", "-1"), Map.of("call.timeout-ms", "soon"), Map.of("node.filter", "r2n[0-"),
            Map.of("node.filter", "a", "node.names", "b"), Map.of("redfish.insecure", "yes please"),
            Map.of("ipmi.cipher-suite", "3; rm -rf /"), Map.of("power.id", "rack 2"), Map.of("bmc.password", "x"),
            Map.of("retry.attempts", "0"))) {
            String key = bad.keySet().iterator().next();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PowerSettings.fromMap(bad),
                bad.toString());
            assertTrue(e.getMessage().startsWith(key) || bad.size() > 1, bad + " -> " + e.getMessage());
        }
    }
}
