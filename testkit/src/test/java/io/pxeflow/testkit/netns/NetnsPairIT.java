package io.pxeflow.testkit.netns;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.testkit.Binaries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The namespace helper itself: the two ends talk, names do not collide, and close leaves nothing behind. */
class NetnsPairIT {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void joinsTwoNamespacesAndRemovesThemAndTheirProcessesOnClose() throws Exception {
        Path busybox = Binaries.require("busybox", "busybox");
        NetnsPair.End server = NetnsPair.End.addressed("10.99.7.1/24");
        NetnsPair.End client = new NetnsPair.End("10.99.7.2/24", "02:00:00:00:07:02");
        BackgroundProcess sleeper;
        List<String> names;
        try (NetnsPair net = NetnsPair.create(server, client); NetnsPair other = NetnsPair.create(server, client)) {
            names = List.of(net.a().name(), net.b().name(), other.a().name(), other.b().name());
            assertNotEquals(net.a().name(), other.a().name(), "each pair has its own names");
            assertTrue(net.b().exec(T, "ip", "link", "show", NetnsPair.IFACE).orFail().output()
                .contains("02:00:00:00:07:02"), "the client end carries the chosen MAC");
            net.b().exec(T, busybox.toString(), "ping", "-c", "1", "-W", "3", "10.99.7.1").orFail();
            // The same addresses in the other pair do not interfere: the pairs are separate networks.
            other.b().exec(T, busybox.toString(), "ping", "-c", "1", "-W", "3", "10.99.7.1").orFail();
            sleeper = net.a().start(dir.resolve("sleep.out"), "sleep", "600");
            assertTrue(sleeper.alive());
        }
        assertFalse(sleeper.alive(), "close stops what was started inside");
        String left = Commands.run(List.of("ip", "netns", "list"), T).orFail().output();
        for (String n : names) {
            assertFalse(left.contains(n), n + " was deleted: " + left);
        }
    }

    @Test
    void aFailingSetupIsAFailureAndStillCleansUp() {
        NetnsSupport.assumeAvailable();
        String before = Commands.run(List.of("ip", "netns", "list"), T).orFail().output();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> NetnsPair.create(NetnsPair.End.addressed("10.99.8.1/24"), NetnsPair.End.addressed("not-an-address")));
        assertTrue(e.getMessage().contains("not a skip"), e.getMessage());
        String after = Commands.run(List.of("ip", "netns", "list"), T).orFail().output();
        assertTrue(after.lines().filter(l -> l.startsWith("pxft-" + ProcessHandle.current().pid() + "-")).toList()
            .stream().allMatch(before::contains), "the half-made pair was removed: " + after);
    }
}
