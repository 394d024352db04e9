package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UpBannerTest {
    @Test
    void atTheDefaultPlacesCtlNeedsNoSetUp() {
        String text = new UpBanner(8.61, "http://127.0.0.1:8080", "127.0.0.1:39027", Path.of("/repo/var"), true,
            Path.of("/repo/var/logs/kafka.log"), "node15").text();
        assertTrue(text.contains("pxeflow is up (8.6 s)"), text);
        assertTrue(text.contains("HTTP API  http://127.0.0.1:8080/api/v1"), text);
        assertTrue(text.contains("token     /repo/var/admin.token"), text);
        assertTrue(text.contains("kafka     127.0.0.1:39027   (log /repo/var/logs/kafka.log)"), text);
        assertTrue(text.contains("bin/ctl nodes"), text);
        assertTrue(text.contains("bin/ctl status node15"), text);
        assertFalse(text.contains("export"), "ctl finds this instance by itself: " + text);
        assertTrue(text.contains("the next `bin/pxeflow up` finds the same state"), text);
    }

    @Test
    void elsewhereTheNextCommandsPointCtlAtThisInstance() {
        String text = new UpBanner(12, "http://127.0.0.1:18080", "kafka1:9092", Path.of("/tmp/a"), false,
            Path.of("/tmp/a/logs/kafka.log"), null).text();
        assertTrue(text.contains("export PXEFLOW_URL=http://127.0.0.1:18080\n"), text);
        assertTrue(text.contains("export PXEFLOW_TOKEN=$(cat /tmp/a/admin.token)\n"), text);
        assertFalse(text.contains("bin/ctl status"), "no node to name in an empty cluster: " + text);
        assertTrue(text.contains("bin/pxeflow up --data /tmp/a` finds the same state"), text);
    }

    @Test
    void anotherPortOnlyNeedsTheUrl() {
        String text = new UpBanner(5, "http://127.0.0.1:9090", "k:1", Path.of("/repo/var"), true,
            Path.of("/repo/var/logs/kafka.log"), "n1").text();
        assertTrue(text.contains("export PXEFLOW_URL=http://127.0.0.1:9090\n"), text);
        assertFalse(text.contains("PXEFLOW_TOKEN"), "ctl finds ./var/admin.token by itself: " + text);
    }
}
