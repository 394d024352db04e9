package io.pxeflow.simulator.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.generator.render.FormatRules;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.simulator.EmbeddedStack;
import io.pxeflow.simulator.Fleet;
import io.pxeflow.simulator.Scenario;
import io.pxeflow.simulator.SimNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hostile generator draws only what pxeflow must refuse, covers every kind on every topic it applies to, and repeats itself from a seed. */
class HostileMessagesTest {
    private static final List<SimNode> FLEET = Fleet.build(20, Scenario.BOOT_STORM, 1);
    private final Verdict verdict = new Verdict(new FormatRules(GeneratorSettings.fromMap(
        EmbeddedStack.generatorSettings(Path.of("/tmp/unused"), "t.", "", "true", 200))), Verdict.nodes(FLEET));

    @Test
    void everyDrawnMessageIsOnePxeflowRefuses() {
        HostileMessages gen = new HostileMessages(FLEET, 42);
        List<String> accepted = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            HostileMessage m = gen.next();
            covered.add(m.kind() + " " + m.topic());
            boolean ok = verdict.refusal(m).isEmpty();
            if (ok && accepted.size() < 20) {
                accepted.add(m.topic() + " " + m.kind() + " " + m.variant() + " key=" + m.key());
            }
        }
        assertEquals(List.of(), accepted);
        // Every kind on every topic, but for the pairs a protocol makes impossible (a config
        // tombstone is valid; heartbeats and reports carry no MAC or IP).
        assertEquals(HostileKind.values().length * InputTopic.values().length - 5, covered.size(), covered::toString);
    }

    @Test
    void aSeedDrawsTheSameMessages() {
        HostileMessages a = new HostileMessages(FLEET, 7);
        HostileMessages b = new HostileMessages(FLEET, 7);
        for (int i = 0; i < 500; i++) {
            HostileMessage x = a.next();
            HostileMessage y = b.next();
            assertEquals(x.key(), y.key());
            assertArrayEquals(x.value(), y.value());
        }
    }
}
