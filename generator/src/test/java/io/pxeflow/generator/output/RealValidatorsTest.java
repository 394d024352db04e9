package io.pxeflow.generator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.generator.Fixtures;
import io.pxeflow.generator.SyntheticCluster;
import io.pxeflow.generator.reload.CommandLine;
import io.pxeflow.generator.reload.CommandRunner;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.testkit.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemons' own parsers accept what pxeflow writes for a 10,000-node cluster. Each check is
 * skipped, with the package to install, where its binary is missing (CI installs them:
 * apt-get install isc-dhcp-server kea-dhcp4-server dnsmasq).
 */
class RealValidatorsTest {
    private static final int NODES = 10_000;
    private static final CommandRunner RUN = new CommandRunner(Duration.ofSeconds(45));

    @TempDir
    static Path out;

    @BeforeAll
    static void renderTenThousandNodes() throws IOException {
        List<ConfigChange> changes = new ArrayList<>();
        for (ConfigRecord r : SyntheticCluster.records(NODES, 48)) {
            changes.add(ConfigChange.of(r.key(), r));
        }
        changes.add(ConfigChange.of(Fixtures.diskless().key(), Fixtures.diskless()));
        Fixtures.hosts().forEach(h -> changes.add(ConfigChange.of(h.key(), h)));
        // Only the outputs the daemons parse: the pxelinux/iPXE/GRUB files add 60,000 small files
        // and nothing for these parsers to check.
        java.util.Map<String, String> settings = Fixtures.settingsMap(out);
        settings.put("outputs", "dhcpd,dnsmasq,kea");
        new GeneratedTree(io.pxeflow.generator.render.GeneratorSettings.fromMap(settings), PreSwapValidator.NONE,
            Clock.systemUTC()).apply(changes, true);
    }

    @Test
    void dhcpdAcceptsTheGeneratedConfig() {
        Path dhcpd = Binaries.require("dhcpd", "isc-dhcp-server");
        CommandRunner.Result r = run(dhcpd + " -t -cf " + out.resolve("dhcpd.conf"));
        assertTrue(r.ok(), r.output());
        assertHostCount(out.resolve("dhcpd.conf"), "  host ", NODES + NODES / 8 + 1 + 48 + 3);
    }

    @Test
    void keaAcceptsTheGeneratedConfig() {
        Path kea = Binaries.require("kea-dhcp4", "kea-dhcp4-server");
        CommandRunner.Result r = run(kea + " -t " + out.resolve("kea-dhcp4.json"));
        assertTrue(r.ok(), r.output());
    }

    @Test
    void dnsmasqAcceptsTheSnippetAndEveryHostsdirEntry() throws IOException {
        Path dnsmasq = Binaries.require("dnsmasq", "dnsmasq");
        // --test parses configuration but not dhcp-hostsdir, so the hostsdir lines are fed to it
        // as dhcp-host options, which share the hosts-file syntax.
        StringBuilder conf = new StringBuilder("conf-file=" + out.resolve("dnsmasq/pxeflow.conf") + "\n");
        int entries = 0;
        try (Stream<Path> s = Files.list(out.resolve("dnsmasq/hosts.d"))) {
            for (Path p : s.sorted().toList()) {
                for (String line : Files.readAllLines(p)) {
                    conf.append("dhcp-host=").append(line).append('\n');
                    entries++;
                }
            }
        }
        assertEquals(NODES + 1 + 48 + 3, entries);
        Path test = out.resolve("dnsmasq-test.conf");
        Files.writeString(test, conf);
        CommandRunner.Result r = run(dnsmasq + " --test --conf-file=" + test);
        assertTrue(r.ok(), r.output());
        assertTrue(r.output().contains("syntax check OK"), r.output());
    }

    private static CommandRunner.Result run(String cmd) {
        return RUN.run(CommandLine.parse(cmd));
    }

    private static void assertHostCount(Path file, String prefix, int expected) {
        try (Stream<String> lines = Files.lines(file)) {
            assertEquals(expected, lines.filter(l -> l.startsWith(prefix)).count());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
