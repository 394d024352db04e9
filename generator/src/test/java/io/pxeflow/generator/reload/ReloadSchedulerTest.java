package io.pxeflow.generator.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.generator.output.FileChange;
import io.pxeflow.generator.output.KeyOutcome;
import io.pxeflow.generator.render.Output;
import io.pxeflow.protocol.message.ConfigOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadSchedulerTest {
    @TempDir
    Path dir;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ReloadScheduler.Listener listener = new ReloadScheduler.Listener() {
        @Override
        public void reloaded(Output output, CommandRunner.Result result, List<KeyOutcome> applied) {
            applied.forEach(o -> events.add("applied " + o.key()));
            events.add("reloaded " + output.code());
        }

        @Override
        public void failed(Output output, CommandRunner.Result result, String reason, List<KeyOutcome> stillWaiting) {
            stillWaiting.forEach(o -> events.add("failed " + o.key() + ": " + reason));
        }
    };

    @Test
    void aBurstOfTwoHundredNodeChangesRunsTheHookOnce() throws Exception {
        Path runs = dir.resolve("runs");
        try (ReloadScheduler s = scheduler("sh -c 'echo run >> " + runs + "'", Duration.ofMillis(300))) {
            for (int i = 0; i < 200; i++) {
                s.request(Set.of(Output.DHCPD), List.of(applied("n" + i)));
            }
            await(() -> events.contains("reloaded dhcpd"));
            Thread.sleep(400);

            assertEquals(1, Files.readAllLines(runs).size());
            assertEquals(200, events.stream().filter(e -> e.startsWith("applied ")).count());
            assertEquals(0, s.pendingRecords());
        }
    }

    @Test
    void aFailingHookIsRetriedWithBackoffAndTheRecordsAreAppliedWhenItSucceeds() throws Exception {
        Path attempts = dir.resolve("attempts");
        // Fails twice, then succeeds: the daemon was restarting.
        String flaky = "sh -c 'echo x >> " + attempts + "; test $(wc -l < " + attempts + ") -ge 3 || { echo dhcpd not running; exit 1; }'";
        try (ReloadScheduler s = scheduler(flaky, Duration.ofMillis(50))) {
            s.request(Set.of(Output.DHCPD), List.of(applied("node15")));
            await(() -> events.contains("applied node15"));
        }
        List<String> seen = new ArrayList<>(events);
        assertEquals(2, seen.stream().filter(e -> e.startsWith("failed node15")).count(), seen.toString());
        assertTrue(seen.get(0).contains("attempt 1") && seen.get(0).contains("dhcpd not running"), seen.get(0));
        assertEquals("applied node15", seen.get(2));
    }

    @Test
    void aHungHookIsKilledAtItsTimeout() {
        CommandRunner runner = new CommandRunner(Duration.ofMillis(200));
        long start = System.nanoTime();
        CommandRunner.Result r = runner.run(CommandLine.parse("sleep 10"));
        assertTrue(!r.ok() && r.exitCode() == -1);
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        assertTrue(r.describe(CommandLine.parse("sleep 10")).startsWith("timed out"));
    }

    @Test
    void dnsmasqNeedsNoReloadForANewNodeButSighupForARemovalOrChange() {
        Set<Output> hooked = Set.of(Output.DNSMASQ, Output.DHCPD);
        assertEquals(Set.of(), ReloadPolicy.needed(List.of(
            new FileChange(Output.DNSMASQ, "dnsmasq/hosts.d/node16", FileChange.Kind.CREATED)), hooked));
        assertEquals(Set.of(Output.DNSMASQ), ReloadPolicy.needed(List.of(
            new FileChange(Output.DNSMASQ, "dnsmasq/hosts.d/node16", FileChange.Kind.DELETED)), hooked));
        assertEquals(Set.of(Output.DNSMASQ), ReloadPolicy.needed(List.of(
            new FileChange(Output.DNSMASQ, "dnsmasq/hosts.d/node16", FileChange.Kind.MODIFIED)), hooked));
        assertEquals(Set.of(), ReloadPolicy.needed(List.of(
            new FileChange(Output.PXELINUX, "tftpboot/pxelinux.cfg/0A360019", FileChange.Kind.MODIFIED)), hooked));
    }

    @Test
    void commandLinesSplitLikeAShellWithoutOne() {
        assertEquals(List.of("sh", "-c", "kill -HUP $(cat /run/dnsmasq.pid)"),
            CommandLine.parse("sh -c 'kill -HUP $(cat /run/dnsmasq.pid)'").argv());
        assertEquals(List.of("dhcpd", "-t", "-cf", "/tmp/x"), CommandLine.parse("dhcpd -t -cf {file}").withFile("/tmp/x").argv());
    }

    private ReloadScheduler scheduler(String command, Duration debounce) {
        return new ReloadScheduler(Map.of(Output.DHCPD, command), debounce, Duration.ofMillis(200),
            new CommandRunner(Duration.ofSeconds(10)), listener);
    }

    private static KeyOutcome applied(String node) {
        return new KeyOutcome(node, node, 1, ConfigOutcome.APPLIED, null, Set.of(Output.DHCPD, Output.PXELINUX));
    }

    private static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    static List<String> sorted(List<String> l) {
        List<String> c = new ArrayList<>(l);
        Collections.sort(c);
        return c;
    }
}
