package io.pxeflow.generator.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.generator.Fixtures;
import io.pxeflow.generator.output.ConfigChange;
import io.pxeflow.protocol.message.BootStage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {
    @Test
    void keepsTheLatestChangeAndTheOneBeforeItPerKey() {
        ReplayBuffer b = new ReplayBuffer();
        ConfigChange gen1 = ConfigChange.of("node15", Fixtures.installOnce(BootStage.PXE));
        ConfigChange gen2 = ConfigChange.of("node15", Fixtures.installOnce(BootStage.LOCAL));
        ConfigChange bad = new ConfigChange.Undecodable("node15", "invalid");
        ConfigChange node3 = ConfigChange.of("node3", Fixtures.diskless());

        b.add(gen1);
        b.add(node3);
        b.add(gen2);
        b.add(new ConfigChange.Remove("node3"));
        b.add(bad);

        assertEquals(List.of(new ConfigChange.Remove("node3"), gen2, bad), b.drain());
        assertEquals(0, b.size());
    }
}
