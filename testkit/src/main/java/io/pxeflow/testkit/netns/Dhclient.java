package io.pxeflow.testkit.netns;

import io.pxeflow.testkit.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ISC dhclient (Debian's isc-dhcp-client) as a node's DHCP client: one lease on a namespace's
 * interface. Its script only records what the server sent (the {@code new_*} variables); the
 * system's dhclient-script, which rewrites /etc/resolv.conf, is never run.
 */
public final class Dhclient {
    private Dhclient() {
    }

    /** What dhclient handed its script, by variable name without {@code new_} ({@code ip_address}, {@code routers}, ...). */
    public record Lease(Map<String, String> values, String output) {
        public String get(String name) {
            return values.get(name);
        }
    }

    /** Gets a lease on {@code ns}'s interface; fails with dhclient's output if none comes within {@code timeout}. */
    public static Lease lease(Netns ns, Path workDir, Duration timeout) throws IOException {
        Path dhclient = Binaries.require("dhclient", "isc-dhcp-client");
        Files.createDirectories(workDir);
        Path env = workDir.resolve("lease.env");
        Files.deleteIfExists(env);
        Path script = workDir.resolve("dhclient-script");
        Files.writeString(script, "#!/bin/sh\n"
            + "case \"$reason\" in BOUND|RENEW|REBOOT) env | grep '^new_' > \"" + env + ".tmp\" && mv \"" + env + ".tmp\" \""
            + env + "\" ;; esac\n"
            + "exit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = workDir.resolve("dhclient.conf");
        Files.writeString(conf, "timeout " + Math.max(5, timeout.toSeconds()) + ";\nretry 1;\n"
            + "request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, host-name;\n");
        Path pid = workDir.resolve("dhclient.pid");
        // -1: one attempt, exit 2 without a lease; once bound dhclient goes to the background (stopped below).
        ProcessResult r = ns.exec(timeout.plusSeconds(5), dhclient.toString(), "-4", "-1", "-v", "-cf", conf.toString(),
            "-sf", script.toString(), "-lf", workDir.resolve("dhclient.leases").toString(), "-pf", pid.toString(), ns.iface());
        if (!r.ok() || !Files.exists(env)) {
            throw new AssertionError("dhclient got no lease: " + r.describe());
        }
        // Without -d dhclient went to the background once bound; stop it (the lab would at close).
        ns.exec(Duration.ofSeconds(10), dhclient.toString(), "-x", "-pf", pid.toString(), ns.iface());
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(env)) {
            int eq = line.indexOf('=');
            if (eq > 4) {
                values.put(line.substring(4, eq), line.substring(eq + 1).replace("'", ""));
            }
        }
        return new Lease(Map.copyOf(values), r.output());
    }

    /** The variables a lease names, for failure messages. */
    public static List<String> names(Lease l) {
        return l.values().keySet().stream().sorted().toList();
    }
}
