package io.pxeflow.headnode;

import io.pxeflow.bridge.parse.DnsmasqLogParser;
import io.pxeflow.bridge.parse.HookParser;
import io.pxeflow.bridge.parse.HookRecord;
import io.pxeflow.bridge.parse.ParseResult;
import io.pxeflow.bridge.path.TftpPathResolver;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.PxeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a DHCP/TFTP server does while nodes boot, written where the bridge reads it: dnsmasq log
 * lines (DHCP exchange, then the TFTP transfers) and, for nodes whose lease is reported by the
 * dnsmasq hook instead, hook spool files in the hook's format. Every line and hook file is also
 * parsed here with the bridge's own parsers, so the test knows exactly which events the bridge
 * must deliver and in what order each node's events were made.
 */
final class BootTraffic {
    static final String SERVER = "head1";
    static final String TFTP_ROOT = "/srv/tftp";
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    private static final AtomicLong XID = new AtomicLong(4_000_000);

    /** One event the bridge must deliver, with the node it belongs to. */
    record Expected(String node, Object event) {
    }

    private final Path log;
    private final Path incoming;
    private final DnsmasqLogParser lineParser;
    private final HookParser hookParser;
    private final List<Expected> expected = new ArrayList<>();
    private long lines;
    private long hookCalls;

    BootTraffic(Path log, Path incoming) throws IOException {
        this.log = log;
        this.incoming = Files.createDirectories(incoming);
        TftpPathResolver resolver = new TftpPathResolver(List.of(TFTP_ROOT));
        this.lineParser = new DnsmasqLogParser(SERVER, resolver, Clock.systemUTC(), ZoneOffset.UTC);
        this.hookParser = new HookParser(SERVER, resolver);
        Files.writeString(log, "", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * One PXE boot: DHCP (in the log, or as a hook call when {@code leaseByHook}), then the
     * bootloader, the node's own pxelinux config (its PXE answer), kernel and initrd over TFTP.
     */
    synchronized void boot(String node, MacAddress mac, String ip, boolean leaseByHook) throws IOException {
        String now = SYSLOG.format(Instant.now());
        List<String> lines = new ArrayList<>();
        if (leaseByHook) {
            hook(node, List.of("add", mac.value(), ip, node));
        } else {
            long xid = XID.incrementAndGet();
            String dhcp = now + " dnsmasq-dhcp[8195]: " + xid + " ";
            lines.add(dhcp + "vendor class: PXEClient:Arch:00000:UNDI:002001");
            lines.add(dhcp + "DHCPDISCOVER(eth1) " + mac.value() + " ");
            lines.add(dhcp + "DHCPOFFER(eth1) " + ip + " " + mac.value() + " ");
            lines.add(dhcp + "DHCPREQUEST(eth1) " + ip + " " + mac.value() + " ");
            lines.add(dhcp + "DHCPACK(eth1) " + ip + " " + mac.value() + " " + node);
        }
        String tftp = now + " dnsmasq-tftp[8195]: sent " + TFTP_ROOT + "/";
        lines.add(tftp + "pxelinux.0 to " + ip);
        lines.add(tftp + "pxelinux.cfg/" + mac.pxelinuxName() + " to " + ip);
        lines.add(tftp + "images/vmlinuz to " + ip);
        lines.add(tftp + "images/initrd.img to " + ip);
        for (String line : lines) {
            expect(node, lineParser.parse(line));
        }
        Files.writeString(log, String.join("\n", lines) + "\n", StandardOpenOption.APPEND);
        this.lines += lines.size();
    }

    synchronized long lines() {
        return lines;
    }

    synchronized long hookCalls() {
        return hookCalls;
    }

    /** Every event made so far, in the order each was made. */
    synchronized List<Expected> expected() {
        return List.copyOf(expected);
    }

    /** A hook call as {@code bin/pxeflow-dnsmasq-hook} records it: written aside, renamed into the inbox. */
    private void hook(String node, List<String> args) throws IOException {
        long nanos = System.currentTimeMillis() * 1_000_000L + System.nanoTime() % 1_000_000L;
        StringBuilder sb = new StringBuilder("pxeflow-hook 1\ntime:").append(nanos).append('\n');
        for (String a : args) {
            sb.append("arg:").append(a.getBytes(StandardCharsets.UTF_8).length).append(':').append(a).append('\n');
        }
        for (Map.Entry<String, String> e : Map.of("DNSMASQ_INTERFACE", "eth1",
                "DNSMASQ_VENDOR_CLASS", "PXEClient:Arch:00000:UNDI:002001").entrySet()) {
            sb.append("env:").append(e.getKey()).append('=').append(e.getValue().length()).append(':').append(e.getValue())
                .append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        try {
            expect(node, hookParser.parse(HookRecord.read(bytes)));
        } catch (HookRecord.MalformedHookException e) {
            throw new IllegalStateException("the test wrote a hook file the bridge cannot read", e);
        }
        Path tmp = incoming.resolve(".tmp." + nanos);
        Files.write(tmp, bytes);
        Files.move(tmp, incoming.resolve(nanos + "-" + ProcessHandle.current().pid() + ".hook"),
            StandardCopyOption.ATOMIC_MOVE);
        hookCalls++;
    }

    private void expect(String node, ParseResult r) {
        if (r instanceof ParseResult.Dhcp d) {
            expected.add(new Expected(node, d.event()));
        } else if (r instanceof ParseResult.Pxe p) {
            expected.add(new Expected(node, p.event()));
        } else if (!(r instanceof ParseResult.Ignored)) {
            throw new IllegalStateException("the bridge would not turn this into an event: " + r);
        }
    }
}
