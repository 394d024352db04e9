package io.pxeflow.bridge.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.bridge.path.TftpPathResolver;
import io.pxeflow.bridge.spool.HookInbox;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs bin/pxeflow-dnsmasq-hook (POSIX sh) and reads its files back, and parses real captured calls. */
class HookScriptTest {
    static final Path HOOK = Path.of("bin/pxeflow-dnsmasq-hook").toAbsolutePath();
    private final HookParser parser = new HookParser("head1", new TftpPathResolver(List.of("/tmp/pxecap/tftp")));

    @TempDir
    Path spool;

    private HookRecord run(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add("/bin/sh");
        pb.command().add(HOOK.toString());
        pb.command().addAll(Arrays.asList(args));
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("PXEFLOW_SPOOL", spool.toString());
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        List<Path> files = new HookInbox(spool.resolve("incoming")).next(10);
        assertEquals(1, files.size());
        HookRecord r = HookRecord.read(Files.readAllBytes(files.get(0)));
        Files.delete(files.get(0));
        return r;
    }

    @Test
    void valuesWithNewlinesQuotesAndForgedFieldsComeBackExactly() throws Exception {
        String nasty = "evil\"name'\nenv:DNSMASQ_INTERFACE=4:eth9\narg:3:del\n$(reboot) `id` \\ ü";
        HookRecord r = run(Map.of("DNSMASQ_SUPPLIED_HOSTNAME", nasty, "DNSMASQ_INTERFACE", "eth0",
                "DNSMASQ_VENDOR_CLASS", "PXEClient:Arch:00000:UNDI:002001", "DNSMASQ_USER_CLASS0", "iPXE",
                "UNRELATED", "not captured"),
            "add", "52:54:00:12:34:56", "10.99.0.150", "multi\nline");
        assertEquals(List.of("add", "52:54:00:12:34:56", "10.99.0.150", "multi\nline"), r.args());
        assertEquals(nasty, r.env().get("DNSMASQ_SUPPLIED_HOSTNAME"));
        assertEquals("eth0", r.env().get("DNSMASQ_INTERFACE"));
        assertNull(r.env().get("UNRELATED"));
        assertEquals(4, r.env().size());

        DhcpEvent e = assertInstanceOf(ParseResult.Dhcp.class, parser.parse(r)).event();
        assertEquals(DhcpMessageType.LEASE_ADD, e.type());
        assertEquals("eth0", e.iface());
        assertNull(e.hostname(), "neither value is an RFC 1123 name, so none is carried");
        assertEquals(0, e.arch());
    }

    /** dnsmasq runs the hook as root, the bridge reads as pxeflow: group-readable, never world-readable. */
    @Test
    void spoolFilesAreReadableByTheSpoolsGroupOnly() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", HOOK.toString(), "add", "52:54:00:12:34:56", "10.99.0.150");
        pb.environment().put("PXEFLOW_SPOOL", spool.toString());
        Process p = pb.redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        List<Path> files = new HookInbox(spool.resolve("incoming")).next(10);
        assertEquals(1, files.size());
        assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))));
    }

    @Test
    void tftpCallAndEmptyArgs() throws Exception {
        HookRecord r = run(Map.of(), "tftp", "4096", "10.99.0.150", "/tmp/pxecap/tftp/pxelinux.cfg/01-52-54-00-12-34-56");
        PxeEvent e = assertInstanceOf(ParseResult.Pxe.class, parser.parse(r)).event();
        assertEquals(4096L, e.size());
        assertEquals(MacAddress.of("52:54:00:12:34:56"), e.mac());
        assertEquals("pxelinux.cfg/01-52-54-00-12-34-56", e.path());
        HookRecord empty = run(Map.of("DNSMASQ_TAGS", ""), "old", "", "");
        assertEquals(List.of("old", "", ""), empty.args());
        assertEquals("", empty.env().get("DNSMASQ_TAGS"));
    }

    @Test
    void truncatedOrForeignFilesAreRefused() {
        byte[] ok = "pxeflow-hook 1\ntime:1\narg:3:add\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("add"), assertDoesNotThrow(ok).args());
        assertThrows(HookRecord.MalformedHookException.class,
            () -> HookRecord.read("pxeflow-hook 1\ntime:1\narg:9:add\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(HookRecord.MalformedHookException.class, () -> HookRecord.read("hello".getBytes(StandardCharsets.UTF_8)));
    }

    private static HookRecord assertDoesNotThrow(byte[] b) {
        try {
            return HookRecord.read(b);
        } catch (HookRecord.MalformedHookException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void realDnsmasqCallsCapturedThroughTheHook() throws Exception {
        List<ParseResult> results = new java.util.ArrayList<>();
        for (int i = 1; i <= 17; i++) {
            String name = realFile("hook-dnsmasq-2.90", i);
            results.add(parser.parse(HookRecord.read(Captured.bytes("hook-dnsmasq-2.90/" + name))));
        }
        assertEquals(List.of(), Captured.unparseable(results));
        DhcpEvent add = Captured.dhcp(results).get(0);
        assertEquals(DhcpMessageType.LEASE_ADD, add.type());
        assertEquals("node15", add.hostname());
        assertEquals("iPXE", add.userClass());
        assertEquals("vpxs", add.iface());
        assertEquals(Ipv4Address.parse("10.99.0.150"), add.ip());
        List<PxeEvent> tftp = Captured.pxe(results);
        assertEquals(8, tftp.size());
        assertEquals(20000L, tftp.get(5).size());
        assertEquals(PxeOutcome.SENT, tftp.get(5).outcome());
        // Calls 12-14 are dnsmasq's restart replay (DNSMASQ_DATA_MISSING=1): not client activity.
        assertEquals(3, results.subList(11, 14).stream().filter(r -> r instanceof ParseResult.Ignored).count());
    }

    @Test
    void realKeaRunScriptCalls() throws Exception {
        List<ParseResult> results = new java.util.ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            results.add(parser.parse(HookRecord.read(Captured.bytes("hook-kea-2.2.0/" + realFile("hook-kea-2.2.0", i)))));
        }
        assertEquals(List.of(), Captured.unparseable(results));
        List<DhcpEvent> dhcp = Captured.dhcp(results);
        assertTrue(dhcp.stream().anyMatch(e -> e.type() == DhcpMessageType.LEASE_ADD && "node15".equals(e.hostname())
            && "vpxs".equals(e.iface()) && Ipv4Address.parse("10.99.0.150").equals(e.ip())));
        assertTrue(dhcp.stream().anyMatch(e -> e.type() == DhcpMessageType.RELEASE));
    }

    private static String realFile(String dir, int index) throws Exception {
        try (var s = Files.list(Path.of("src/test/resources/lines", dir))) {
            String prefix = String.format("%02d-", index);
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    @Test
    void hookReturnsInMilliseconds() throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            run(Map.of("DNSMASQ_INTERFACE", "eth0"), "tftp", "1", "10.0.0.1", "/x");
        }
        long perCallMs = (System.nanoTime() - start) / 10 / 1_000_000;
        assertTrue(perCallMs < 200, "a hook call took " + perCallMs + " ms (includes starting sh from the JVM)");
    }
}
