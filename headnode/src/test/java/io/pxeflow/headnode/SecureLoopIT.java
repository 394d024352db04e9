package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxeflow.bridge.BridgeConfig;
import io.pxeflow.bridge.BridgeDaemon;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.ctl.Context;
import io.pxeflow.ctl.CtlMain;
import io.pxeflow.generator.worker.GeneratorWorker;
import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import io.pxeflow.protocol.AccessPolicy;
import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.reporter.HeartbeatLoop;
import io.pxeflow.reporter.ReporterConfig;
import io.pxeflow.testkit.TestKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17's whole loop on the secure broker: bridge → controller → generator, a reporter's
 * heartbeats, and ctl over HTTPS, each process with its own credentials and nothing more than the
 * ACLs grant it. The same wiring as {@code pxeflow up --secure}.
 */
class SecureLoopIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ADMIN = "alice-admin-token-0123456789";
    private static final String READ = "grafana-read-token-0123456789";
    private static final String MAC = "02:17:00:00:00:10";
    private static final String INVENTORY = String.join("\n",
        "nodes 2",
        "master 10.17.0.1",
        "netmask 255.255.255.0",
        "iprange 10.17.0.10 10.17.0.11",
        "class centos kernelimage /boot/vmlinuz-centos",
        "class centos initrdimage /boot/initrd-centos.img",
        "class centos kernelcommandline ks=nfs:10.17.0.1:/ks.cfg",
        "node 0 centos pxe+local pxe " + MAC,
        "node 1 centos pxe+local local 02:17:00:00:00:11",
        "");

    @TempDir
    Path dir;

    @Test
    void theLoopRunsOverSaslSslWithEachProcessAsItsOwnPrincipal() throws Exception {
        EmbeddedKafkaBroker broker = SecureKafka.broker();
        Topics topics = new Topics(TestKafka.uniquePrefix());
        SecureKafka.grant(topics);
        Path ca = broker.certificateAuthority().certificatePem();
        broker.certificateAuthority().issuePem(dir.resolve("api.pem"), dir.resolve("api.key"), "pxeflow-api",
            List.of("localhost", "127.0.0.1"));
        Path generated = dir.resolve("data/generated");
        Path log = dir.resolve("dnsmasq.log");
        Files.writeString(log, "");

        try (ControllerApp controller = new ControllerApp(ControllerConfig.fromMap(controllerSettings(topics)),
                ControllerApp.newRegistry()).start();
             GeneratorWorker generator = GeneratorLauncher.start(SecureKafka.as(AccessPolicy.GENERATOR), topics.prefix(),
                 dir.resolve("data"), "10.17.0.1", 8088, ControllerApp.newRegistry(), Map.of());
             BridgeDaemon bridge = new BridgeDaemon(BridgeConfig.fromMap(bridgeSettings(topics, log))).start()) {
            await("the controller is ready on the secure broker", controller::ready);
            String url = "https://127.0.0.1:" + controller.httpPort();

            // ctl over HTTPS, trusting the head node's CA: an import with the admin token.
            Files.writeString(dir.resolve("cluster.conf"), INVENTORY);
            // The server's first TLS handshake sets up its TLS engine: seconds on a loaded machine.
            await("the API answers over HTTPS", () -> ctl(url, ca, READ, "nodes").exit == 0);
            Ctl imported = ctl(url, ca, ADMIN, "import", "cluster.conf");
            assertEquals(0, imported.exit, imported.err);
            await("the generator (as User:generator) rendered node0's installer config", () ->
                fileContains(generated.resolve("tftpboot/pxelinux.cfg/01-02-17-00-00-00-10"), "KERNEL "));

            // The bridge (as User:bridge) reports what dnsmasq did; the controller flips the stage.
            append(log, "dnsmasq-dhcp[8195]: 42 DHCPDISCOVER(eth1) " + MAC + " ");
            append(log, "dnsmasq-dhcp[8195]: 42 DHCPACK(eth1) 10.17.0.10 " + MAC + " node0");
            append(log, "dnsmasq-tftp[8195]: sent " + generated.resolve("tftpboot") + "/pxelinux.cfg/01-02-17-00-00-00-10 to 10.17.0.10");
            await("the served installer flipped node0 to local and the generator applied it", () -> {
                JsonNode n = node(url, ca, READ);
                return "local".equals(n.path("stage").asText()) && n.path("configApplied").asBoolean();
            });
            await("the generator rewrote node0's config", () ->
                fileContains(generated.resolve("tftpboot/pxelinux.cfg/01-02-17-00-00-00-10"), "LOCALBOOT"));

            // The node's reporter (as User:reporter, through the Java client: the lean one speaks no TLS).
            Map<String, String> r = SecureKafka.reporterSettings(topics);
            r.put("interval", "1");
            try (HeartbeatLoop heartbeats = HeartbeatLoop.start(ReporterConfig.fromMap(r), "node0")) {
                await("node0 is up from its heartbeats", () -> "up".equals(node(url, ca, READ).path("status").asText()));
            }

            // A read-only token reads, and may not change anything.
            Ctl listed = ctl(url, ca, READ, "nodes", "-o", "json");
            assertEquals(0, listed.exit, listed.err);
            assertTrue(listed.out.contains("node1"), listed.out);
            Ctl refused = ctl(url, ca, READ, "reprovision", "node0");
            assertEquals(1, refused.exit, refused.out + refused.err);
            assertTrue(refused.err.contains("may only read"), refused.err);
            assertEquals("local", node(url, ca, READ).path("stage").asText(), "the refused reprovision changed nothing");

            Ctl reprovisioned = ctl(url, ca, ADMIN, "reprovision", "node0");
            assertEquals(0, reprovisioned.exit, reprovisioned.err);
            JsonNode after = node(url, ca, READ);
            assertEquals("pxe", after.path("stage").asText());
            Ctl history = ctl(url, ca, READ, "status", "node0", "-o", "json");
            assertTrue(history.out.contains("by api token alice"), history.out);
            assertFalse(history.out.contains(ADMIN), "a token's value in the node's history");

            // Without --cacert, ctl does not trust the API's certificate.
            Ctl untrusted = ctl(url, null, READ, "nodes");
            assertEquals(4, untrusted.exit, untrusted.err);
            assertTrue(untrusted.err.contains("--cacert"), untrusted.err);
            assertTrue(bridge.metrics().produced() >= 3);
        }
    }

    private Map<String, String> controllerSettings(Topics topics) throws Exception {
        Map<String, String> m = SecureKafka.controllerSettings(topics, "secure-loop-it", dir.resolve("controller"));
        m.put("token.admin.alice", ADMIN);
        m.put("token.read.grafana", READ);
        m.put("http.tls.cert", dir.resolve("api.pem").toString());
        m.put("http.tls.key", dir.resolve("api.key").toString());
        return m;
    }

    private Map<String, String> bridgeSettings(Topics topics, Path log) throws Exception {
        KafkaConnection k = SecureKafka.as(AccessPolicy.BRIDGE);
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap", k.bootstrap());
        k.settings().forEach((key, v) -> m.put("kafka." + key, v));
        m.put("topic-prefix", topics.prefix());
        m.put("spool", dir.resolve("spool").toString());
        m.put("dnsmasq-log", log.toString());
        m.put("from-start", "true");
        m.put("server", "head1");
        m.put("tftp-roots", dir.resolve("data/generated/tftpboot").toString());
        m.put("poll-ms", "50");
        m.put("spool-fsync", "false");
        return m;
    }

    /** A syslog line stamped now, as dnsmasq's log has them. */
    private static void append(Path log, String line) throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH));
        Files.writeString(log, stamp + " " + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** node0 as {@code ctl nodes node0 -o json} shows it (empty when ctl fails). */
    private JsonNode node(String url, Path ca, String token) {
        Ctl c = ctl(url, ca, token, "nodes", "node0", "-o", "json");
        try {
            JsonNode n = c.exit == 0 ? Json.mapper().readTree(c.out) : Json.mapper().createObjectNode();
            return n.isArray() ? n.path(0) : n.has("nodes") ? n.path("nodes").path(0) : n;
        } catch (java.io.IOException e) {
            throw new AssertionError("ctl printed no JSON: " + c.out, e);
        }
    }

    private record Ctl(int exit, String out, String err) {
    }

    private Ctl ctl(String url, Path ca, String token, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("PXEFLOW_URL", url);
        env.put("PXEFLOW_TOKEN", token);
        if (ca != null) {
            env.put("PXEFLOW_CACERT", ca.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context ctx = new Context(new PrintWriter(out, true), new PrintWriter(err, true), env, Clock.systemUTC(),
            ZoneId.systemDefault(), false, dir);
        int exit = CtlMain.commandLine(ctx).execute(args);
        return new Ctl(exit, out.toString(), err.toString());
    }

    private static boolean fileContains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws Exception {
        HeadNodeWiring.await(what, WAIT, condition);
    }
}
