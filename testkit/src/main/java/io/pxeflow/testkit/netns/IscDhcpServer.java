package io.pxeflow.testkit.netns;

import io.pxeflow.testkit.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real ISC dhcpd in a namespace, in the foreground ({@code -f -d}), on one interface, with its
 * lease and pid files in a work directory. What it logs (to stderr) goes to {@link #log()}: the
 * lines a bridge reads from syslog on a head node, without the syslog prefix.
 */
public final class IscDhcpServer extends Daemon {
    private IscDhcpServer(BackgroundProcess process, Path log) {
        super(process, log);
    }

    /** Starts dhcpd on {@code confFile} serving {@code iface}, and waits until it serves. */
    public static IscDhcpServer start(Netns ns, Path workDir, Path confFile, String iface) throws IOException, InterruptedException {
        Path dhcpd = Binaries.require("dhcpd", "isc-dhcp-server");
        Files.createDirectories(workDir);
        Path leases = workDir.resolve("dhcpd.leases");
        if (!Files.exists(leases)) {
            Files.createFile(leases);
        }
        Path log = workDir.resolve("dhcpd.log");
        BackgroundProcess p = ns.start(log, dhcpd.toString(), "-f", "-d", "-4", "-cf", confFile.toString(),
            "-lf", leases.toString(), "-pf", workDir.resolve("dhcpd.pid").toString(), iface);
        return new IscDhcpServer(started(p, log, text -> text.contains("Server starting service."), Duration.ofSeconds(15)), log);
    }
}
