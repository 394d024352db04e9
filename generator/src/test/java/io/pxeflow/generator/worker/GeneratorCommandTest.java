package io.pxeflow.generator.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GeneratorCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpListsTheFlagsAndEverySetting() {
        StringWriter out = new StringWriter();
        CommandLine cl = GeneratorCommand.commandLine();
        cl.setOut(new PrintWriter(out));

        assertEquals(0, cl.execute("--help"));

        String help = out.toString();
        for (String s : new String[] {"--bootstrap", "--output", "--config", "--id", "--metrics-port", "reload.debounce.ms",
            "boot.file.efi64", "node.filter", "validate.OUTPUT"}) {
            assertTrue(help.contains(s), s + " missing from:\n" + help);
        }
    }

    @Test
    void anInvalidSettingExitsWithTwoAndNamesTheKey() throws Exception {
        Path conf = dir.resolve("generator.properties");
        Files.writeString(conf, "network.subnet=10.54.0.1\n");
        StringWriter err = new StringWriter();
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(2, GeneratorCommand.commandLine().execute("--config", conf.toString(), "--output", dir.toString()));
        } finally {
            System.setErr(old);
        }
        assertTrue(buf.toString(java.nio.charset.StandardCharsets.UTF_8).contains("network.subnet"), buf.toString());
        assertTrue(err.toString().isEmpty());
    }
}
