package io.pxeflow.generator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.generator.SyntheticCluster;
import io.pxeflow.generator.reload.CommandLine;
import io.pxeflow.generator.reload.CommandRunner;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.inventory.HostInterfaces;
import io.pxeflow.inventory.ScyldConfigParser;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import io.pxeflow.testkit.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemons' own parsers accept what pxeflow writes for a 10,000-node cluster on three subnets
 * of its inventory (the head node's /20 and two racks behind relays, none of them the example's
 * network). Each check is skipped, with the package to install, where its binary is missing (CI
 * installs them: apt-get install isc-dhcp-server kea-dhcp4-server dnsmasq).
 */
class RealValidatorsTest {
    private static final int NODES = 10_000;
    /** Nodes per subnet: the head node's network, rack 2, rack 3. */
    private static final int[] PER_SUBNET = {3_900, 1_000, 5_100};
    private static final String[] FIRST = {"10.78.0.10", "172.20.4.10", "172.20.32.10"};
    private static final String INVENTORY = """
        master 10.78.0.1
        netmask 255.255.240.0
        subnet 10.78.0.0/20 router 10.78.0.254 dns 10.78.0.1 domain head.lab
        subnet 172.20.4.0/22 router 172.20.4.1 next-server 10.78.0.1 domain rack2.lab ipxe 10.78.0.1:9080
        subnet 172.20.32.0/19 router 172.20.32.1 next-server 10.78.0.2 dns 10.78.0.1,10.78.0.2
        """;
    private static final CommandRunner RUN = new CommandRunner(Duration.ofSeconds(45));

    @TempDir
    static Path out;
    private static int macs;
    private static final Map<String, Integer> RESERVATIONS = new HashMap<>();

    @BeforeAll
    static void renderTenThousandNodesOnThreeSubnets() throws IOException {
        List<ConfigChange> changes = new ArrayList<>();
        int i = 0;
        for (int s = 0; s < PER_SUBNET.length; s++) {
            for (int k = 0; k < PER_SUBNET[s]; k++) {
                NodeBootConfig n = SyntheticCluster.node(++i, 1, Ipv4Address.parse(FIRST[s]).plus(k));
                changes.add(ConfigChange.of(n.key(), n));
                macs += n.macs().size();
                RESERVATIONS.merge(FIRST[s], n.macs().size(), Integer::sum);
            }
        }
        for (int h = 0; h < 48; h++) {
            HostReservation sw = new HostReservation(SyntheticCluster.mac(0xEE0000 + h),
                Ipv4Address.parse("10.78.15.200").plus(h), List.of("sw" + h));
            changes.add(ConfigChange.of(sw.key(), sw));
        }
        RESERVATIONS.merge(FIRST[0], 48, Integer::sum);
        // Only the outputs the daemons parse: the pxelinux/iPXE/GRUB files add 60,000 small files
        // and nothing for these parsers to check. No network setting: the inventory declares them.
        Map<String, String> settings = new HashMap<>(Map.of("generator.id", "validators", "output.dir", out.toString(),
            "outputs", "dhcpd,dnsmasq,kea"));
        GeneratedTree tree = new GeneratedTree(GeneratorSettings.fromMap(settings), PreSwapValidator.NONE,
            Clock.systemUTC(), HostInterfaces.NONE);
        tree.network(ScyldConfigParser.parse("cluster.conf", INVENTORY).cluster());
        tree.apply(changes, true);
        assertEquals(List.of(), tree.outsideTheNetwork());
    }

    @Test
    void dhcpdAcceptsTheGeneratedConfig() throws IOException {
        Path dhcpd = Binaries.require("dhcpd", "isc-dhcp-server");
        CommandRunner.Result r = run(dhcpd + " -t -cf " + out.resolve("dhcpd.conf"));
        assertTrue(r.ok(), r.output());
        assertHostCount(out.resolve("dhcpd.conf"), "    host ", macs + 48);
        String text = Files.readString(out.resolve("dhcpd.conf"));
        for (String subnet : List.of("subnet 10.78.0.0 netmask 255.255.240.0 {", "subnet 172.20.4.0 netmask 255.255.252.0 {",
                "subnet 172.20.32.0 netmask 255.255.224.0 {")) {
            assertEquals(1, text.split(java.util.regex.Pattern.quote(subnet), -1).length - 1, subnet);
        }
    }

    @Test
    void keaAcceptsTheGeneratedConfig_everyReservationInsideItsSubnet() throws IOException {
        Path kea = Binaries.require("kea-dhcp4", "kea-dhcp4-server");
        CommandRunner.Result r = run(kea + " -t " + out.resolve("kea-dhcp4.json"));
        assertTrue(r.ok(), r.output());
        String text = Files.readString(out.resolve("kea-dhcp4.json"));
        String[] subnets = text.split("\"subnet\": ");
        assertEquals(4, subnets.length, "three subnet4 entries");
        for (int s = 0; s < 3; s++) {
            String prefix = FIRST[s].substring(0, FIRST[s].indexOf('.', FIRST[s].indexOf('.') + 1));
            long reservations = subnets[s + 1].lines().filter(l -> l.contains("\"hw-address\"")).count();
            long inside = subnets[s + 1].lines().filter(l -> l.contains("\"ip-address\": \"" + prefix + ".")).count();
            assertEquals((long) RESERVATIONS.get(FIRST[s]), reservations, FIRST[s]);
            assertEquals(reservations, inside, FIRST[s]);
        }
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
        assertEquals(NODES + 48, entries);
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
