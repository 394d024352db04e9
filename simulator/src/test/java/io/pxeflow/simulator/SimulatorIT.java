package io.pxeflow.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.Topics;
import io.pxeflow.testkit.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small storm of pxe+local and diskless nodes through a real controller and generator: no divergence. */
class SimulatorIT {
    @TempDir
    Path dir;

    @Test
    void fiftyNodeStormEndsWhereTheReferenceModelSays() throws Exception {
        String prefix = TestKafka.uniquePrefix();
        try (EmbeddedStack stack = EmbeddedStack.startOn(TestKafka.bootstrapServers(), dir, prefix,
            EmbeddedStack.generatorSettings(dir, prefix, "pxelinux", "true", 500))) {
            SimulationSettings s = new SimulationSettings(stack.bootstrap(), new Topics(prefix), 50, Scenario.BOOT_STORM,
                Duration.ofSeconds(3), new Timing(1, 2_000, 2_000), 7, Duration.ofSeconds(25), true);
            SimulationResult r = new Simulation(s, stack::reloadRuns, 500).run();
            r.print(System.out);
            assertEquals(0, r.divergences().size(), () -> "divergences: " + r.divergences());
            // 34 of the 50 are pxe+local: each one's stage flip is a new config the generator applied.
            assertEquals(34, r.latenciesMillis().size() + r.latencyPending());
            assertFalse(r.latenciesMillis().isEmpty());
            assertTrue(r.reloads().get("pxelinux") >= 1, "the pxelinux reload hook ran");
        }
    }
}
