package io.pxeflow.generator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.generator.Fixtures;
import io.pxeflow.generator.render.GeneratorSettings;
import io.pxeflow.generator.render.Output;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.ConfigOutcome;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedTreeTest {
    @TempDir
    Path out;

    private GeneratedTree tree;

    @BeforeEach
    void renderSeedCluster() throws IOException {
        tree = newTree(PreSwapValidator.NONE);
        tree.apply(seedCluster(BootStage.PXE), true);
    }

    // ---- incrementality and atomicity ----

    @Test
    void aStageFlipRewritesOnlyThatNodesBootFilesAndClusterConf() throws IOException {
        ApplyReport r = tree.apply(List.of(upsert(Fixtures.installOnce(BootStage.LOCAL))), true);

        Set<String> written = r.changes().stream().map(FileChange::path).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of(
            "cluster.conf",
            "tftpboot/grub/grub.cfg-01-00-a0-d1-e5-c4-6e", "tftpboot/grub/grub.cfg-01-00-a0-d1-e5-c4-6f",
            "tftpboot/ipxe/00-a0-d1-e5-c4-6e.ipxe", "tftpboot/ipxe/00-a0-d1-e5-c4-6f.ipxe",
            "tftpboot/pxelinux.cfg/01-00-a0-d1-e5-c4-6e", "tftpboot/pxelinux.cfg/01-00-a0-d1-e5-c4-6f",
            "tftpboot/pxelinux.cfg/0A360019")), written);
        assertEquals(8, r.stats().written());
        assertTrue(read("tftpboot/pxelinux.cfg/0A360019").contains("LOCALBOOT 0"));
        assertEquals(ConfigOutcome.APPLIED, only(r).outcome());
        assertEquals(2, only(r).generation());
        assertNoTempFiles();
    }

    @Test
    void twoGenerationsOfOneNodeInOneBatchLeaveTheLatestOnDisk() throws IOException {
        NodeBootConfig local = Fixtures.installOnce(BootStage.LOCAL);
        NodeBootConfig pxeAgain = new NodeBootConfig(local.node(), local.index(), local.macs(), local.ip(), local.sequence(),
            BootStage.PXE, local.bootClass(), false, 3, local.time());

        ApplyReport r = tree.apply(List.of(upsert(local), upsert(pxeAgain)), true);

        assertTrue(read("tftpboot/pxelinux.cfg/0A360019").contains("KERNEL"));
        assertEquals(0, r.stats().written(), "generation 3 renders what is already on disk");
        assertEquals(3, only(r).generation());
        assertNoTempFiles();
    }

    @Test
    void republishingAnIdenticalRecordWritesNothing() throws IOException {
        ApplyReport r = tree.apply(seedCluster(BootStage.PXE), true);

        assertEquals(0, r.stats().written());
        assertTrue(r.stats().skipped() > 20);
        assertTrue(r.outcomes().stream().allMatch(o -> o.outcome() == ConfigOutcome.APPLIED));
    }

    @Test
    void tempFilesOfAKilledWriterAreRemovedOnStartAndALiveWritersAreKept() throws IOException {
        Path dir = out.resolve("tftpboot/pxelinux.cfg");
        long dead = deadPid();
        Path stale = Files.writeString(dir.resolve(".01-52-54-00-00-00-14.7." + dead + ".tmp"), "DEFAULT half");
        Path live = Files.writeString(dir.resolve(".0A36010A.9." + ProcessHandle.current().parent().orElseThrow().pid()
            + ".tmp"), "in flight");
        Path notOurs = Files.writeString(dir.resolve(".admin-notes.tmp"), "keep");

        newTree(PreSwapValidator.NONE);

        assertFalse(Files.exists(stale), "a dead process's temp file is garbage");
        assertTrue(Files.exists(live), "a live process may still rename its temp file");
        assertTrue(Files.exists(notOurs), "only files named like ours are touched");
    }

    /** A pid no process has: above every pid in use, below the kernel's pid_max. */
    private static long deadPid() {
        long max = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1000);
        for (long pid = max + 1; ; pid++) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }

    @Test
    void aRestartedTreeConvergesWithoutRewritingAnything() throws IOException {
        Map<String, String> before = allFiles();
        GeneratedTree restarted = newTree(PreSwapValidator.NONE);

        ApplyReport r = restarted.apply(seedCluster(BootStage.PXE), true);
        ApplyReport pruned = restarted.pruneOrphans();

        assertEquals(0, r.stats().written());
        assertEquals(0, pruned.stats().deleted());
        assertEquals(before, allFiles());
    }

    @Test
    void removingANodeDeletesItsFilesUpdatesSharedFilesAndArchivesItsOverlay() throws IOException {
        Files.writeString(out.resolve("overlays/node3/var-log-messages"), "node3's own data\n");

        ApplyReport r = tree.apply(List.of(new ConfigChange.Remove("node3")), true);

        assertFalse(Files.exists(out.resolve("tftpboot/pxelinux.cfg/01-00-21-5e-40-64-5c")));
        assertFalse(Files.exists(out.resolve("tftpboot/pxelinux.cfg/0A36000D")));
        assertFalse(Files.exists(out.resolve("dnsmasq/hosts.d/node3")));
        assertFalse(Files.exists(out.resolve("overlays/node3")));
        Path archived = out.resolve("overlays/.archive/node3-20250101T000000Z");
        assertEquals("node3's own data\n", Files.readString(archived.resolve("var-log-messages")));
        assertTrue(Files.exists(archived.resolve("files.custom")));
        assertEquals(1, r.stats().archived());
        assertFalse(read("dhcpd.conf").contains("node3"));
        assertFalse(read("hosts").contains("node3"));
        assertFalse(read("exports").contains("node3"));
        Set<String> deleted = r.changes().stream().filter(c -> c.kind() == FileChange.Kind.DELETED)
            .map(FileChange::path).collect(Collectors.toSet());
        assertTrue(deleted.contains("dnsmasq/hosts.d/node3"), deleted.toString());
        assertTrue(r.outcomes().isEmpty(), "removals are not acknowledged per generation");
    }

    @Test
    void aNodeRemovedWhileTheWorkerWasDownIsPrunedOnceTheTopicIsReplayed() throws IOException {
        GeneratedTree restarted = newTree(PreSwapValidator.NONE);
        List<ConfigChange> withoutNode4 = new ArrayList<>(seedCluster(BootStage.PXE));
        withoutNode4.removeIf(c -> c.key().equals("node4"));
        restarted.apply(withoutNode4, false);

        ApplyReport pruned = restarted.pruneOrphans();
        restarted.apply(List.of(), true);

        assertEquals(5, pruned.stats().deleted());
        assertFalse(Files.exists(out.resolve("tftpboot/pxelinux.cfg/0A36000E")));
        assertFalse(read("ethers").contains("node4"));
    }

    @Test
    void aChangedMacMovesTheBootFilesAndDeletesTheOldOnes() throws IOException {
        NodeBootConfig n = Fixtures.node("node4", 4, "10.54.0.14", Fixtures.GENERIC,
            io.pxeflow.protocol.message.BootSequence.PXE_LOCAL, BootStage.LOCAL, 2, "00:21:5E:40:63:C9");

        tree.apply(List.of(upsert(n)), true);

        assertFalse(Files.exists(out.resolve("tftpboot/pxelinux.cfg/01-00-21-5e-40-63-c8")));
        assertTrue(Files.exists(out.resolve("tftpboot/pxelinux.cfg/01-00-21-5e-40-63-c9")));
        assertTrue(read("dhcpd.conf").contains("00:21:5e:40:63:c9"));
    }

    @Test
    void theAdminsFilesCustomIsNeverOverwritten() throws IOException {
        Files.writeString(out.resolve("overlays/node3/files.custom"), "/opt/scratch\n");

        NodeBootConfig wiped = withWipe(Fixtures.diskless());
        tree.apply(List.of(upsert(wiped)), true);

        assertEquals("/opt/scratch\n", read("overlays/node3/files.custom"));
        assertTrue(read("tftpboot/pxelinux.cfg/0A36000D").contains(" pxeflow.wipe=1"));
    }

    // ---- refusal: injection attempts leave every file as it was ----

    @Test
    void aCmdlineWithGrubOrIpxeSyntaxIsRefusedAndNothingChanges() throws IOException {
        for (String cmdline : List.of("quiet\"; reboot; echo \"", "quiet } menuentry evil {", "ro ${net0/ip}",
            "ro; linux /evil", "ro 'x'", "ro `id`", "ro $(id)", "ro # hidden")) {
            Map<String, String> before = allFiles();
            NodeBootConfig bad = withCmdline(Fixtures.installOnce(BootStage.PXE), cmdline);

            ApplyReport r = tree.apply(List.of(upsert(bad)), true);

            assertEquals(ConfigOutcome.REFUSED, only(r).outcome(), cmdline);
            assertTrue(only(r).reason().contains("kernelcommandline"), only(r).reason());
            assertEquals("node15", only(r).node());
            assertEquals(before, allFiles(), cmdline);
        }
    }

    @Test
    void namesPathsAndNewlinesThatBreakFormatsNeverDecode() throws IOException {
        String good = Codec.CONFIG.encodeToString(Fixtures.installOnce(BootStage.PXE));
        List<String> attacks = List.of(
            good.replace("\"node\":\"node15\"", "\"node\":\"node15;}\""),
            good.replace("\"node\":\"node15\"", "\"node\":\"node15\\\" { filename evil\""),
            good.replace("\"node\":\"node15\"", "\"node\":\"node15\\nhost evil\""),
            good.replace("/var/beowulf/boot/vmlinuz-centos5u4_amd64", "/boot/vmlinuz; rm -rf /"),
            good.replace("/var/beowulf/boot/vmlinuz-centos5u4_amd64", "/boot/../../etc/shadow"),
            good.replace("ksdevice=eth0", "ksdevice=eth0\\nLABEL evil"),
            "{\"v\":1,\"kind\":\"host\",\"mac\":\"00:a0:d1:e9:87:ca\",\"ip\":\"10.54.200.1\",\"names\":[\"switch\\\"; }\"]}");
        for (String json : attacks) {
            Map<String, String> before = allFiles();
            Decoded<ConfigRecord> d = Codec.CONFIG.decode(json);
            assertTrue(d instanceof Decoded.Failure, json);

            ApplyReport r = tree.apply(List.of(new ConfigChange.Undecodable("node15", ((Decoded.Failure<ConfigRecord>) d).reason())), true);

            assertEquals(ConfigOutcome.REFUSED, only(r).outcome());
            assertEquals(before, allFiles(), json);
        }
    }

    /**
     * A key's outcome keeps only its latest record, so a refused record followed in the same batch
     * by a good one used to leave no trace: each refusal is now listed, for its dead letter.
     */
    @Test
    void everyRefusedRecordOfABatchIsListedEvenWhenALaterOneForTheKeyIsApplied() throws IOException {
        NodeBootConfig good = Fixtures.installOnce(BootStage.LOCAL);
        ConfigChange garbage = new ConfigChange.Undecodable("node15", "malformed ConfigRecord: not JSON");
        ConfigChange misKeyed = new ConfigChange.Upsert("node16", good);
        ConfigChange unsafe = new ConfigChange.Upsert("node15", withCmdline(good, "quiet; reboot"));
        ConfigChange applied = new ConfigChange.Upsert("node15", good);

        ApplyReport r = tree.apply(List.of(garbage, misKeyed, unsafe, applied), true);

        assertEquals(3, r.refusals().size(), r.refusals().toString());
        assertTrue(r.refusals().get(0).change() == garbage);
        assertEquals("malformed ConfigRecord: not JSON", r.refusals().get(0).reason());
        assertTrue(r.refusals().get(1).change() == misKeyed);
        assertEquals("key \"node16\" does not match the record's key \"node15\"", r.refusals().get(1).reason());
        assertTrue(r.refusals().get(2).change() == unsafe);
        assertTrue(r.refusals().get(2).reason().startsWith("kernelcommandline"), r.refusals().get(2).reason());
        assertEquals(ConfigOutcome.APPLIED, r.outcomes().stream().filter(o -> o.key().equals("node15")).findFirst()
            .orElseThrow().outcome());
    }

    @Test
    void aRecordClaimingAnotherNodesMacOrIpIsRefused() throws IOException {
        Map<String, String> before = allFiles();
        NodeBootConfig thief = Fixtures.node("node99", 99, "10.54.0.99", Fixtures.GENERIC,
            io.pxeflow.protocol.message.BootSequence.PXE, BootStage.LOCAL, 1, "00:a0:d1:e5:c4:6f");
        NodeBootConfig squatter = Fixtures.node("node98", 98, "10.54.0.25", Fixtures.GENERIC,
            io.pxeflow.protocol.message.BootSequence.PXE, BootStage.LOCAL, 1, "00:a0:d1:00:00:01");

        ApplyReport r = tree.apply(List.of(upsert(thief), upsert(squatter)), true);

        assertEquals(List.of(ConfigOutcome.REFUSED, ConfigOutcome.REFUSED), r.outcomes().stream().map(KeyOutcome::outcome).toList());
        assertTrue(r.outcomes().get(0).reason().contains("already belongs to node15"));
        assertEquals(before, allFiles());
    }

    @Test
    void aRecordUnderTheWrongKeyIsRefused() throws IOException {
        ApplyReport r = tree.apply(List.of(new ConfigChange.Upsert("node4", Fixtures.diskless())), true);
        assertEquals(ConfigOutcome.REFUSED, only(r).outcome());
    }

    // ---- pre-swap validation ----

    @Test
    void aRenderTheValidatorRefusesKeepsThePreviousFileAndReportsFailedUntilItPasses() throws IOException {
        AtomicReference<String> refuse = new AtomicReference<>("dhcpd: line 12: semicolon expected");
        GeneratedTree validated = newTree((o, candidate) -> o == Output.DHCPD ? Optional.ofNullable(refuse.get()) : Optional.empty());
        validated.apply(seedCluster(BootStage.PXE), true);
        String dhcpdBefore = read("dhcpd.conf");
        NodeBootConfig node5 = Fixtures.node("node5", 5, "10.54.0.15", Fixtures.GENERIC,
            io.pxeflow.protocol.message.BootSequence.PXE, BootStage.LOCAL, 1, "00:21:5e:40:63:d0");

        ApplyReport failed = validated.apply(List.of(upsert(node5)), true);

        assertEquals(dhcpdBefore, read("dhcpd.conf"));
        assertEquals(ConfigOutcome.FAILED, only(failed).outcome());
        assertTrue(only(failed).reason().contains("semicolon expected"), only(failed).reason());
        assertEquals(1, failed.stats().validationRefusals());
        assertTrue(read("hosts").contains("node5"), "the other outputs still apply");

        refuse.set(null);
        ApplyReport retried = validated.apply(List.of(), true);

        assertTrue(read("dhcpd.conf").contains("node5"));
        assertEquals(ConfigOutcome.APPLIED, only(retried).outcome());
        assertEquals("node5", only(retried).node());
    }

    // ---- settings ----

    @Test
    void anAdminTemplateReplacesTheBuiltInOne() throws IOException {
        GeneratedTree custom = withAdminTemplate("hosts", "{{#nodes}}{{ip}}\t{{name}}\n{{/nodes}}");

        custom.apply(seedCluster(BootStage.PXE), true);

        assertEquals("10.54.0.13\tnode3\n10.54.0.14\tnode4\n10.54.0.25\tnode15\n", read("hosts"));
    }

    @Test
    void aFlipSkipsTheSharedFilesItCannotChangeButAnAddressChangeAfterItReachesThem() throws IOException {
        NodeBootConfig flipped = Fixtures.installOnce(BootStage.LOCAL);
        tree.apply(List.of(upsert(flipped)), true);
        NodeBootConfig moved = new NodeBootConfig(flipped.node(), flipped.index(), flipped.macs(),
            io.pxeflow.protocol.field.Ipv4Address.parse("10.54.0.99"), flipped.sequence(), flipped.stage(),
            flipped.bootClass(), false, 3, flipped.time());

        ApplyReport r = tree.apply(List.of(upsert(moved)), true);

        assertTrue(read("hosts").contains("10.54.0.99"), read("hosts"));
        assertFalse(read("hosts").contains("10.54.0.25"));
        assertTrue(read("dhcpd.conf").contains("10.54.0.99"));
        assertEquals(ConfigOutcome.APPLIED, only(r).outcome());
    }

    @Test
    void anAdminTemplateThatShowsTheStageIsRenderedAgainOnAFlip() throws IOException {
        GeneratedTree custom = withAdminTemplate("hosts", "{{#nodes}}{{ip}}\t{{name}} # {{stage}}\n{{/nodes}}");
        custom.apply(seedCluster(BootStage.PXE), true);
        assertTrue(read("hosts").contains("node15 # pxe"), read("hosts"));

        custom.apply(List.of(upsert(Fixtures.installOnce(BootStage.LOCAL))), true);

        assertTrue(read("hosts").contains("node15 # local"), read("hosts"));
    }

    @Test
    void aRackWorkerRendersOnlyItsNodesButEveryDevice() throws IOException {
        Path rack = Files.createDirectories(out.resolve("rack"));
        Map<String, String> m = Fixtures.settingsMap(rack);
        m.put("node.filter", "node1[0-9]");
        GeneratedTree filtered = new GeneratedTree(GeneratorSettings.fromMap(m), PreSwapValidator.NONE, clock());

        ApplyReport r = filtered.apply(seedCluster(BootStage.PXE), true);

        String dhcpd = Files.readString(rack.resolve("dhcpd.conf"));
        assertTrue(dhcpd.contains("node15_1") && dhcpd.contains("smartswitch"));
        assertFalse(dhcpd.contains("node3") || dhcpd.contains("node4"));
        assertEquals(Set.of("node15", "host/00:a0:d1:e9:87:ca", "host/00:a0:d1:e3:fc:e2", "host/00:a0:d1:e3:fd:4a"),
            r.outcomes().stream().map(KeyOutcome::key).collect(Collectors.toSet()));
    }

    // ---- helpers ----

    /** A tree whose settings name a template directory holding {@code name}.mustache. */
    private GeneratedTree withAdminTemplate(String name, String body) throws IOException {
        Path templates = Files.createDirectories(out.resolve("admin-templates"));
        Files.writeString(templates.resolve(name + ".mustache"), body);
        Map<String, String> m = Fixtures.settingsMap(out);
        m.put("template.dir", templates.toString());
        return new GeneratedTree(GeneratorSettings.fromMap(m), PreSwapValidator.NONE, clock());
    }

    private GeneratedTree newTree(PreSwapValidator v) {
        return new GeneratedTree(Fixtures.settings(out), v, clock());
    }

    private static Clock clock() {
        return Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
    }

    static List<ConfigChange> seedCluster(BootStage installOnceStage) {
        List<ConfigRecord> records = new ArrayList<>();
        records.add(Fixtures.diskless());
        records.add(Fixtures.installOnce(installOnceStage));
        records.add(Fixtures.local());
        records.addAll(Fixtures.hosts());
        return records.stream().map(GeneratedTreeTest::upsert).toList();
    }

    static ConfigChange upsert(ConfigRecord r) {
        return ConfigChange.of(r.key(), r);
    }

    private static KeyOutcome only(ApplyReport r) {
        assertEquals(1, r.outcomes().size(), r.outcomes().toString());
        return r.outcomes().get(0);
    }

    private static NodeBootConfig withCmdline(NodeBootConfig n, String cmdline) {
        ClassSpec c = n.bootClass().withCmdline(cmdline);
        return new NodeBootConfig(n.node(), n.index(), n.macs(), n.ip(), n.sequence(), n.stage(), c, n.wipe(),
            n.generation() + 1, n.time());
    }

    private static NodeBootConfig withWipe(NodeBootConfig n) {
        return new NodeBootConfig(n.node(), n.index(), n.macs(), n.ip(), n.sequence(), n.stage(), n.bootClass(), true,
            n.generation() + 1, n.time());
    }

    private String read(String rel) throws IOException {
        return Files.readString(out.resolve(rel));
    }

    private Map<String, String> allFiles() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(out.relativize(p).toString(), Files.readString(p));
            }
        }
        return m;
    }

    private void assertNoTempFiles() throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            assertNull(s.filter(p -> p.getFileName().toString().endsWith(".tmp")).findFirst().orElse(null));
        }
    }
}
