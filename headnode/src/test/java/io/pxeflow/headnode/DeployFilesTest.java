package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.testkit.Binaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import io.pxeflow.protocol.AccessPolicy;
import io.pxeflow.protocol.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files under deploy/ as the tools that read them see them: promtool, and Compose. */
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

    /** promtool checks that the controller job's token file exists: it is the admin's, so a copy gets a stand-in. */
    @Test
    void scrapeConfigsAreValidAndFindTheirRules(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"prometheus.yml", "prometheus-compose.yml", "pxeflow-rules.yml"}) {
            Files.copy(PROM.resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("pxeflow.token"), "a-read-only-token-stand-in\n");
        for (String f : new String[] {"prometheus.yml", "prometheus-compose.yml"}) {
            assertTrue(Files.readString(PROM.resolve(f)).contains("credentials_file: pxeflow.token"), f + " sends a token");
            Promtool.Result r = Promtool.run(null, "check", "config", dir.resolve(f).toString());
            assertEquals(0, r.exit(), f + ": " + r.output());
            assertTrue(r.output().contains("rules found"), f + " loads the alerting rules: " + r.output());
        }
    }

    /** deploy/kafka/acls.sh is what `pxeflow acls --script` prints: the one ACL definition, for kafka-acls.sh. */
    @Test
    void theShippedAclScriptIsTheOneDefinition() throws Exception {
        assertEquals(AclInstaller.asKafkaAclsScript(AccessPolicy.of(Topics.defaults())),
            Files.readString(Promtool.repoRoot().resolve("deploy/kafka/acls.sh")),
            "deploy/kafka/acls.sh is stale: bin/pxeflow acls --script > deploy/kafka/acls.sh");
    }

    /**
     * Compose's own schema check, which needs no Docker engine. Debian's docker-compose (1.29,
     * installed by bin/test) predates the top-level {@code name}, so that one line is left out.
     */
    @Test
    void composeFileIsValidForCompose() throws Exception {
        Path deploy = Promtool.repoRoot().resolve("deploy");
        String text = Files.readString(deploy.resolve("compose.yaml"));
        assertTrue(text.contains("\nname: pxeflow\n"), "compose.yaml names its project");
        Path compose = Binaries.require("docker-compose", "docker-compose");
        Process p = new ProcessBuilder(compose.toString(), "--project-directory", deploy.toString(), "-f", "-", "config", "-q")
            .redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(text.replace("\nname: pxeflow\n", "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose config did not finish");
        assertEquals(0, p.exitValue(), "docker-compose config refuses deploy/compose.yaml:\n" + out);
    }
}
