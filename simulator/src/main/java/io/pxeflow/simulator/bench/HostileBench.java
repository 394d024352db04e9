package io.pxeflow.simulator.bench;

import io.pxeflow.protocol.Topics;
import io.pxeflow.simulator.EmbeddedStack;
import io.pxeflow.simulator.TempDirs;
import io.pxeflow.simulator.hostile.HostileTorture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The hostile-input torture on its own broker, controller and generator (writing real files into
 * a temporary directory): exit 0 only when every check passed, including dhcpd and kea-dhcp4.
 */
@Command(name = "hostile", mixinStandardHelpOptions = true,
    description = "Feed malformed and hostile messages to every input topic; all must be dead-lettered, nothing generated may change.")
public final class HostileBench implements Callable<Integer> {
    @Option(names = "--messages", defaultValue = "100000", description = "Hostile messages to draw (default ${DEFAULT-VALUE})")
    int messages;
    @Option(names = "--nodes", defaultValue = "50", description = "Valid nodes registered first (default ${DEFAULT-VALUE})")
    int nodes;
    @Option(names = "--seed", defaultValue = "9", description = "Seed of the hostile messages (default ${DEFAULT-VALUE})")
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HostileBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("pxeflow-bench-hostile");
        String prefix = "hostile.";
        Map<String, String> generator = EmbeddedStack.generatorSettings(dir, prefix, "", "true", 200);
        System.out.printf("hostile torture: %d messages, %d nodes, seed %d, files under %s%n", messages, nodes, seed,
            dir.resolve("generated"));
        try (EmbeddedStack stack = EmbeddedStack.start(dir, prefix, generator)) {
            HostileTorture.Result r = new HostileTorture(stack, new Topics(prefix), generator, System.out)
                .run(messages, nodes, seed);
            return r.passed() ? 0 : 1;
        } finally {
            TempDirs.deleteTree(dir);
        }
    }
}
