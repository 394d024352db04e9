package io.pxeflow.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.reporter.collect.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReporterCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(ReporterCommand cmd, String... args) {
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    ReporterCommand command(Path defaultConfig) {
        ReporterCommand c = new ReporterCommand();
        c.defaultConfig = defaultConfig;
        return c;
    }

    @Test
    void oncePrintsOneHeartbeatThatDecodes(@TempDir Path tmp) {
        int code = run(command(tmp.resolve("none")), "--once", "--root", Fixtures.root("nfs-root").toString(),
            "--interval", "7");
        assertEquals(0, code, err.toString());
        Decoded<Heartbeat> hb = Codec.HEARTBEAT.decode(out.toString().trim());
        Heartbeat h = ((Decoded.Ok<Heartbeat>) hb).value();
        assertEquals("wn042", h.node(), "the host name up to the first dot");
        assertEquals(7, h.intervalSeconds());
        assertEquals(2, h.interfaces().size(), out.toString());
        // The fixture's mount points do not exist on this machine, so statvfs finds nothing to report.
        assertEquals(java.util.List.of(), h.filesystems());
    }

    @Test
    void flagsWinOverTheConfigFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("reporter.properties");
        Files.writeString(file, "bootstrap=head:9092\ninterval=10\nnode=n1\nkafka.security.protocol=SSL\n");
        ReporterCommand cmd = command(file);
        new CommandLine(cmd).parseArgs("--interval", "2", "--kafka-property", "ssl.truststore.location=/etc/ts.p12");
        ReporterConfig c = ReporterConfig.fromMap(cmd.settings());
        assertEquals("head:9092", c.bootstrap());
        assertEquals(2, c.intervalSeconds());
        assertEquals("n1", c.node());
        assertEquals(Map.of("security.protocol", "SSL", "ssl.truststore.location", "/etc/ts.p12"), c.kafka());
    }

    @Test
    void badSettingsExitTwoWithTheReason(@TempDir Path tmp) {
        assertEquals(2, run(command(tmp.resolve("none")), "--once", "--interval", "0", "--node", "n1"));
        assertTrue(err.toString().contains("interval"), err.toString());
    }

    @Test
    void reportingNeedsABootstrap(@TempDir Path tmp) {
        assertEquals(2, run(command(tmp.resolve("none")), "--node", "n1"));
        assertTrue(err.toString().contains("--bootstrap"), err.toString());
    }

    @Test
    void unusableHostNameAsksForNode(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.writeString(root.resolve("proc/sys/kernel/hostname"), "localhost\n");
        assertEquals(2, run(command(tmp.resolve("none")), "--install-complete", "--bootstrap", "head:9092",
            "--root", root.toString()));
        assertTrue(err.toString().contains("--node"), err.toString());
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, run(new ReporterCommand(), "--help"));
        for (String option : new String[] {"--bootstrap", "--interval", "--node", "--config", "--topic-prefix",
            "--install-complete", "--once", "--kafka-property"}) {
            assertTrue(out.toString().contains(option), option);
        }
    }
}
