package io.pxeflow.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {
    private static Context ctx() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return new Context(sink, sink, Map.of(), Clock.systemUTC(), ZoneOffset.UTC, false, Path.of("."));
    }

    /** The fast path registers commands by these keys: they must be the names picocli knows. */
    @Test
    void registryKeysAreTheCommandNames() {
        List<String> names = new ArrayList<>();
        CtlMain.commandLine(ctx()).getSubcommands().forEach((name, cl) -> {
            if (name.equals(cl.getCommandName())) {
                names.add(name);
            }
        });
        assertEquals(List.copyOf(CtlMain.COMMANDS.keySet()), names);
    }

    @Test
    void aRunRegistersOnlyTheCommandItExecutes() {
        CommandLine cl = CtlMain.commandLine(ctx(), "ls", "-o", "json");
        assertEquals(List.of("nodes", "ls"), List.copyOf(cl.getSubcommands().keySet()));
        assertEquals(CtlMain.COMMANDS.size(), CtlMain.commandLine(ctx(), "help").getSubcommands().values()
            .stream().distinct().count());
    }
}
