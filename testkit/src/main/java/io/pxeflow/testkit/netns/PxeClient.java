package io.pxeflow.testkit.netns;

import io.pxeflow.testkit.Binaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a PXE ROM does on the wire, done by busybox: DHCP with the PXE vendor class and client
 * architecture (udhcpc), then a TFTP read of a boot file. The lease's address is put on the
 * namespace's interface so the TFTP read comes from it, as a booting node's would.
 */
public final class PxeClient {
    /** What a BIOS PXE ROM (UNDI 2.1, architecture 0) sends as option 60. */
    public static final String BIOS_VENDOR_CLASS = "PXEClient:Arch:00000:UNDI:002001";
    private static final String MARK = "pxeflow-lease";

    private final Netns ns;
    private final Path workDir;
    private final Path busybox;
    private final Path script;
    private final AtomicInteger fetches = new AtomicInteger();

    /** A lease as udhcpc reported it; router, dns and domain are null when the server sent none. */
    public record Lease(String ip, String prefix, String nextServer, String bootFile, String hostname, String router,
                        String dns, String domain, String output) {
    }

    public PxeClient(Netns ns, Path workDir) throws IOException {
        this.ns = ns;
        this.workDir = Files.createDirectories(workDir);
        this.busybox = Binaries.require("busybox", "busybox");
        this.script = workDir.resolve("udhcpc-script");
        // udhcpc hands the lease to this script in its environment; print it for us and take the address.
        Files.writeString(script, "#!/bin/sh\n"
            + "if [ \"$1\" = bound ] || [ \"$1\" = renew ]; then\n"
            + "  echo \"" + MARK + " ip=$ip prefix=$mask siaddr=$siaddr boot_file=$boot_file hostname=$hostname"
            + " router=$(echo $router | tr ' ' ,) dns=$(echo $dns | tr ' ' ,) domain=$domain\"\n"
            + "  ip addr replace \"$ip/$mask\" dev \"$interface\"\n"
            + "fi\n"
            + "exit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** DHCP as a BIOS PXE client: DISCOVER/OFFER/REQUEST/ACK; fails with udhcpc's output if no lease comes. */
    public Lease dhcp(Duration timeout) {
        return dhcp(timeout, false);
    }

    /**
     * DHCP as a BIOS PXE ROM, or (with {@code ipxe}) as iPXE in that ROM: iPXE adds the user
     * class {@code iPXE} (option 77), which DHCP servers answer with the URL of its script.
     */
    public Lease dhcp(Duration timeout, boolean ipxe) {
        List<String> cmd = new ArrayList<>(List.of(busybox.toString(), "udhcpc", "-f", "-q", "-n", "-i", ns.iface(),
            "-t", "10", "-T", "1", "-V", BIOS_VENDOR_CLASS, "-x", "0x5d:0000", "-s", script.toString()));
        if (ipxe) {
            cmd.addAll(List.of("-x", "0x4d:69505845"));
        }
        ProcessResult r = ns.exec(timeout, cmd.toArray(String[]::new)).orFail();
        for (String line : r.output().split("\n")) {
            if (line.startsWith(MARK + " ")) {
                Map<String, String> kv = new HashMap<>();
                for (String field : line.substring(MARK.length() + 1).split(" ")) {
                    int eq = field.indexOf('=');
                    if (eq > 0) {
                        kv.put(field.substring(0, eq), field.substring(eq + 1));
                    }
                }
                return new Lease(kv.get("ip"), kv.get("prefix"), kv.get("siaddr"), kv.get("boot_file"),
                    kv.get("hostname"), blank(kv.get("router")), blank(kv.get("dns")), blank(kv.get("domain")), r.output());
            }
        }
        throw new AssertionError("udhcpc exited 0 without a lease:\n" + r.output());
    }

    private static String blank(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    /** Reads {@code remotePath} from the TFTP server {@code server}; the result says whether it came. */
    public ProcessResult tftp(String server, String remotePath, Path local) {
        return ns.exec(Duration.ofSeconds(15), busybox.toString(), "tftp", "-g", "-r", remotePath, "-l", local.toString(),
            server);
    }

    /** The content of {@code remotePath} on {@code server}; fails with busybox's output if the read fails. */
    public String fetch(String server, String remotePath) throws IOException {
        Path local = workDir.resolve("fetched-" + fetches.incrementAndGet());
        tftp(server, remotePath, local).orFail();
        return new String(Files.readAllBytes(local), StandardCharsets.UTF_8);
    }
}
