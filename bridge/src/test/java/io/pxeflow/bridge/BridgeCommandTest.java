package io.pxeflow.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BridgeCommandTest {
    @Test
    void helpListsTheOptions() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new BridgeCommand());
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--help"));
        for (String o : new String[] {"--bootstrap", "--topic-prefix", "--spool", "--dnsmasq-log", "--dhcpd-log",
            "--tftpd-log", "--kea-log", "--server"}) {
            assertTrue(out.toString().contains(o), o);
        }
    }

    @Test
    void optionsOverrideTheEnvironmentWhichOverridesDefaults() {
        Map<String, String> env = BridgeCommand.fromEnvironment(Map.of("PXEFLOW_BOOTSTRAP", "k1:9092",
            "PXEFLOW_BRIDGE_SPOOL", "/tmp/s", "PXEFLOW_BRIDGE_TOPIC_PREFIX", "lab."));
        BridgeCommand cmd = new BridgeCommand(env);
        new CommandLine(cmd).parseArgs("--bootstrap", "k2:9092", "--dnsmasq-log", "/var/log/dnsmasq.log", "--server", "head1");
        BridgeConfig c = cmd.toConfig();
        assertEquals("k2:9092", c.bootstrap());
        assertEquals("lab.", c.topicPrefix());
        assertEquals(Path.of("/tmp/s"), c.spoolDir());
        assertEquals(Path.of("/var/log/dnsmasq.log"), c.dnsmasqLog());
        assertEquals("head1", c.server());
    }
}
