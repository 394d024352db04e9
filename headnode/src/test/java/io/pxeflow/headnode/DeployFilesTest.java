package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Prometheus files under deploy/ as Prometheus' own promtool sees them. */
class DeployFilesTest {
    private static final Path PROM = Promtool.repoRoot().resolve("deploy/prometheus");

    @Test
    void alertingRulesAreValid() throws Exception {
        Promtool.Result r = Promtool.run(null, "check", "rules", PROM.resolve("pxeflow-rules.yml").toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
    }

    @Test
    void alertsFireOnlyWhenTheyShould() throws Exception {
        Promtool.Result r = Promtool.run(null, "test", "rules", PROM.resolve("pxeflow-rules.test.yml").toString());
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void scrapeConfigsAreValidAndFindTheirRules() throws Exception {
        for (String f : new String[] {"prometheus.yml", "prometheus-compose.yml"}) {
            Promtool.Result r = Promtool.run(null, "check", "config", PROM.resolve(f).toString());
            assertEquals(0, r.exit(), f + ": " + r.output());
            assertTrue(r.output().contains("rules found"), f + " loads the alerting rules: " + r.output());
        }
    }
}
