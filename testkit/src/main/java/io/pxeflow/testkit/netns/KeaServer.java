package io.pxeflow.testkit.netns;

import io.pxeflow.testkit.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real Kea DHCPv4 server in a namespace on a configuration file as given (pxeflow's generated
 * one, unmodified). Kea keeps its leases where it was built to ({@code /var/lib/kea}): a work
 * directory is bind-mounted there inside the private mount namespace {@code ip netns exec}
 * gives each command, so the host's leases are never touched; pid and lock files go to the work
 * directory too. Kea logs to stdout when its configuration names no logger: {@link #log()}.
 */
public final class KeaServer extends Daemon {
    private static final Path LEASE_DIR = Path.of("/var/lib/kea");
    private KeaServer(BackgroundProcess process, Path log) {
        super(process, log);
    }

    public static KeaServer start(Netns ns, Path workDir, Path confFile) throws IOException, InterruptedException {
        Path kea = Binaries.require("kea-dhcp4", "kea-dhcp4-server");
        Path leases = Files.createDirectories(workDir.resolve("leases"));
        Files.createDirectories(LEASE_DIR);
        Path log = workDir.resolve("kea.log");
        BackgroundProcess p = ns.start(log, Map.of("KEA_PIDFILE_DIR", workDir.toString(), "KEA_LOCKFILE_DIR", workDir.toString()),
            "sh", "-c", "mount --bind \"$1\" \"$2\" && exec \"$3\" -c \"$4\"", "kea", leases.toString(), LEASE_DIR.toString(),
            kea.toString(), confFile.toString());
        return new KeaServer(started(p, log, text -> text.contains("DHCP4_STARTED"), Duration.ofSeconds(20)), log);
    }
}
