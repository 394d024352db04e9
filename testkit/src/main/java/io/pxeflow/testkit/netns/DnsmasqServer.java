package io.pxeflow.testkit.netns;

import io.pxeflow.testkit.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real dnsmasq in a namespace, DHCP and TFTP only (DNS off), on that namespace's veth, with
 * its log, lease file and pid file in a work directory. The configuration is the caller's
 * (typically the generator's snippet as {@code --conf-file}); the system's /etc/dnsmasq.conf is
 * never read. dnsmasq drops to its unprivileged user, so what it serves must be readable by it.
 */
public final class DnsmasqServer extends Daemon {
    private DnsmasqServer(BackgroundProcess process, Path log) {
        super(process, log);
    }

    /** Starts dnsmasq with {@code confFile} plus {@code extraOptions} and waits until it has started. */
    public static DnsmasqServer start(Netns ns, Path workDir, Path confFile, String... extraOptions)
            throws IOException, InterruptedException {
        return start(ns, workDir, Map.of(), confFile, extraOptions);
    }

    /**
     * As {@link #start(Netns, Path, Path, String...)}, with {@code env} in dnsmasq's environment,
     * which its {@code dhcp-script} inherits.
     */
    public static DnsmasqServer start(Netns ns, Path workDir, Map<String, String> env, Path confFile,
                                      String... extraOptions) throws IOException, InterruptedException {
        Path dnsmasq = Binaries.require("dnsmasq", "dnsmasq");
        Files.createDirectories(workDir);
        Path log = workDir.resolve("dnsmasq.log");
        List<String> cmd = new ArrayList<>(List.of(dnsmasq.toString(), "--keep-in-foreground",
            "--conf-file=" + confFile, "--port=0", "--interface=" + ns.iface(), "--bind-interfaces",
            "--log-facility=" + log, "--dhcp-leasefile=" + workDir.resolve("dnsmasq.leases"),
            "--pid-file=" + workDir.resolve("dnsmasq.pid")));
        cmd.addAll(List.of(extraOptions));
        BackgroundProcess p = ns.start(workDir.resolve("dnsmasq.out"), env, cmd.toArray(String[]::new));
        return new DnsmasqServer(started(p, log, text -> text.contains("started, version"), Duration.ofSeconds(10)), log);
    }
}
