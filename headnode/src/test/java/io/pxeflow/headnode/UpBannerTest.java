package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UpBannerTest {
    @Test
    void atTheDefaultPlacesCtlNeedsNoSetUp() {
        String text = new UpBanner(8.61, "http://127.0.0.1:8080", "http://0.0.0.0:8088", "127.0.0.1:39027",
            Path.of("/repo/var"), true, Path.of("/repo/var/logs/kafka.log"), "node15", null).text();
        assertTrue(text.contains("pxeflow is up (8.6 s)"), text);
        assertTrue(text.contains("HTTP API  http://127.0.0.1:8080/api/v1"), text);
        assertTrue(text.contains("tokens    /repo/var/admin.token (admin), /repo/var/read.token (read-only)"), text);
        assertTrue(text.contains("boot      http://0.0.0.0:8088/boot/ipxe"), text);
        assertFalse(text.contains("secure"), text);
        assertTrue(text.contains("kafka     127.0.0.1:39027   (log /repo/var/logs/kafka.log)"), text);
        assertTrue(text.contains("bin/ctl nodes"), text);
        assertTrue(text.contains("bin/ctl status node15"), text);
        assertFalse(text.contains("export"), "ctl finds this instance by itself: " + text);
        assertTrue(text.contains("the next `bin/pxeflow up` finds the same state"), text);
    }

    @Test
    void elsewhereTheNextCommandsPointCtlAtThisInstance() {
        String text = new UpBanner(12, "https://127.0.0.1:18080", "http://10.78.0.1:8088", "kafka1:9092", Path.of("/tmp/a"),
            false, Path.of("/tmp/a/logs/kafka.log"), null, "CA /tmp/a/secure/tls/ca.pem").text();
        assertTrue(text.contains("export PXEFLOW_URL=https://127.0.0.1:18080\n"), text);
        assertTrue(text.contains("export PXEFLOW_CACERT=/tmp/a/secure/tls/ca.pem\n"), text);
        assertTrue(text.contains("secure    CA /tmp/a/secure/tls/ca.pem"), text);
        assertTrue(text.contains("export PXEFLOW_TOKEN=$(cat /tmp/a/admin.token)\n"), text);
        assertFalse(text.contains("bin/ctl status"), "no node to name in an empty cluster: " + text);
        assertTrue(text.contains("bin/pxeflow up --data /tmp/a` finds the same state"), text);
    }

    @Test
    void anotherPortNeedsNothingCtlFindsVarApiUrl() {
        String text = new UpBanner(5, "http://127.0.0.1:9090", "http://127.0.0.1:8088", "k:1", Path.of("/repo/var"),
            true, Path.of("/repo/var/logs/kafka.log"), "n1", null).text();
        assertFalse(text.contains("export"), "ctl finds ./var/api.url and ./var/admin.token by itself: " + text);
    }
}
