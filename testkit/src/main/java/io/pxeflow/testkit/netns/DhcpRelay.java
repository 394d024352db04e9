package io.pxeflow.testkit.netns;

import io.pxeflow.testkit.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real DHCP relay agent (ISC dhcrelay, Debian's isc-dhcp-relay) in a namespace: requests
 * heard on the downstream interface go to the server with the relay's address as giaddr, which
 * is how the server picks the subnet of a rack behind a router.
 */
public final class DhcpRelay implements AutoCloseable {
    private final BackgroundProcess process;

    private DhcpRelay(BackgroundProcess process) {
        this.process = process;
    }

    public static DhcpRelay start(Netns ns, Path workDir, String server, String downstream, String upstream)
            throws IOException, InterruptedException {
        Path dhcrelay = Binaries.require("dhcrelay", "isc-dhcp-relay");
        Files.createDirectories(workDir);
        Path log = workDir.resolve("dhcrelay.log");
        BackgroundProcess p = ns.start(log, dhcrelay.toString(), "-4", "-d", "-id", downstream, "-iu", upstream,
            "-pf", workDir.resolve("dhcrelay.pid").toString(), server);
        return new DhcpRelay(Daemon.started(p, log, text -> text.contains("Sending on"), Duration.ofSeconds(15)));
    }

    public String logText() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
