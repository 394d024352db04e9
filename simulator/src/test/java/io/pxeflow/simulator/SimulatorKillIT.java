package io.pxeflow.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.Topics;
import io.pxeflow.testkit.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reprovision waves (nodes boot, flip to local on their PXE answer, install; half of the
 * pxe+local ones are then reprovisioned three times, with and without wipe, and reinstall)
 * while the controller, in a child JVM, is SIGKILLed three times and restarted: the final state
 * still matches the reference model exactly, generations included, so no flip was lost or
 * doubled and no command lost. Before the controller ordered its inputs across topics this
 * diverged: after a restart it applied reprovisions ahead of the PXE answers sent before them,
 * which were still waiting in the MAC-to-node hop.
 */
class SimulatorKillIT {
    @TempDir
    Path dir;

    @Test
    void reprovisionWavesSurviveThreeKillNines() throws Exception {
        String prefix = TestKafka.uniquePrefix();
        // Child logs outlive the test's temporary directory, for whoever has to read a failure.
        Path logs = Files.createDirectories(Path.of("target", "simulator-kill-it"));
        ControllerKills kills = new ControllerKills(3, System.nanoTime(), System.out, logs,
            "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
            // Shorter than the 10 s default: each kill leaves a transaction open until it times out.
            Map.of("kafka.transaction-timeout-ms", "4000"));
        try (EmbeddedStack stack = EmbeddedStack.startOn(TestKafka.bootstrapServers(), dir, prefix,
            EmbeddedStack.generatorSettings(dir, prefix, "pxelinux", "true", 500), kills.launcher())) {
            SimulationSettings s = new SimulationSettings(stack.bootstrap(), new Topics(prefix), 200, Scenario.REPROVISION_WAVE,
                Duration.ofSeconds(3), new Timing(1, 1_000, 1_000), 11, Duration.ofSeconds(40), true);
            SimulationResult r = new Simulation(s, stack::reloadRuns, 500, kills).run();
            r.print(System.out);
            assertEquals(3, kills.killsDone(), "kills done");
            assertTrue(r.sent().startsWith("commands "), r.sent());
            assertEquals(0, r.divergences().size(), () -> "divergences (child logs in " + logs.toAbsolutePath() + "): "
                + r.divergences());
        }
    }
}
