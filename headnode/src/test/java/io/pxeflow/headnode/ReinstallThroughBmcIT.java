package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.bridge.BridgeConfig;
import io.pxeflow.bridge.BridgeDaemon;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.controller.runtime.ControllerConfig;
import io.pxeflow.ctl.Context;
import io.pxeflow.ctl.CtlMain;
import io.pxeflow.generator.worker.GeneratorWorker;
import io.pxeflow.power.worker.PowerSettings;
import io.pxeflow.power.worker.PowerWorker;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.protocol.message.PowerState;
import io.pxeflow.testkit.Binaries;
import io.pxeflow.testkit.TestKafka;
import io.pxeflow.testkit.bmc.IpmiSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18 end to end: {@code ctl reprovision lab7 --reboot --wait} reinstalls a node that is
 * powered off, through its BMC. The BMC is OpenIPMI's ipmi_sim; its chassis-control program
 * plays the node when the power comes on: the NIC's DHCP (a dnsmasq log line and the dhcp-script
 * call the bridge reads, as dnsmasq makes them), iPXE fetching its script from the controller (the
 * answer is the PXE event), and then the installed OS's real node-reporter sending heartbeats.
 * Controller, generator, bridge and power worker run in this JVM on the test broker, wired as on a
 * head node; ctl runs in-process against the controller's HTTP API.
 */
class ReinstallThroughBmcIT {
    private static final String NODE = "lab7";
    private static final String MAC = "52:54:00:6c:61:07";
    private static final String IP = "192.168.77.17";
    private static final String TOKEN = "reinstall-it-token";
    private static final String PASSWORD = "Lab-BMC-2025";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void reprovisionWithRebootReinstallsAPoweredOffNodeAndWaitsUntilItIsUp() throws Exception {
        IpmiSimulator.assumeInstalled();
        Binaries.require("curl", "curl");
        // dnsmasq's hook and tftp would run as other users; JUnit's temp dir is 0700.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String kafka = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Path data = dir.resolve("data");
        Path spool = dir.resolve("spool");
        Path dnsmasqLog = dir.resolve("dnsmasq.log");
        Files.writeString(dnsmasqLog, "");
        Path credentials = Files.createDirectories(dir.resolve("bmc-credentials"));
        Files.writeString(credentials.resolve("lab"), "username=admin\npassword=" + PASSWORD + "\n");
        Files.setPosixFilePermissions(credentials.resolve("lab"), PosixFilePermissions.fromString("rw-------"));

        try (ControllerApp controller = new ControllerApp(ControllerConfig.fromMap(
                HeadNodeWiring.controllerSettings(kafka, prefix, data, "reinstall-it", TOKEN, 2)),
                ControllerApp.newRegistry()).start();
             GeneratorWorker generator = GeneratorLauncher.start(kafka, prefix, data, "192.168.77.1", controller.bootPort(),
                ControllerApp.newRegistry(), Map.of());
             BridgeDaemon bridge = new BridgeDaemon(BridgeConfig.fromMap(HeadNodeWiring.bridgeSettings(kafka, prefix, spool,
                dnsmasqLog, data.resolve("generated/tftpboot"), "head"))).start();
             PowerWorker power = new PowerWorker(kafka, PowerSettings.fromMap(Map.of("topic.prefix", prefix,
                "power.id", "lab", "node.filter", "lab[0-9]+", "bmc.credentials-dir", credentials.toString())),
                ControllerApp.newRegistry()).start()) {
            await("the controller is ready", controller::ready);
            String url = "http://127.0.0.1:" + controller.httpPort();
            Path node = nodeScript("http://127.0.0.1:" + controller.bootPort(), spool, dnsmasqLog, kafka, prefix);
            try (IpmiSimulator bmc = IpmiSimulator.start(dir.resolve("bmc"), PASSWORD, node.toString())) {
                assertEquals("0", bmc.power(), "the node starts powered off");
                Files.writeString(dir.resolve("lab.conf"), String.join("\n",
                    "nodename lab%N",
                    "master 192.168.77.1",
                    "netmask 255.255.255.0",
                    "iprange 192.168.77.10 192.168.77.99",
                    "class el9 kernelimage /var/lib/pxeflow/boot/vmlinuz-el9",
                    "class el9 initrdimage /var/lib/pxeflow/boot/initrd-el9.img",
                    "class el9 kernelcommandline inst.ks=http://192.168.77.1/ks.cfg",
                    "class el9 bmccredentials lab",
                    // Installed long ago: its stage is local, and it is off.
                    "node 7 el9 pxe+local local bmc=" + bmc.address() + " " + MAC, ""));
                CtlRun imported = ctl(url, "import", "lab.conf");
                assertEquals(0, imported.exit(), imported.toString());
                await("lab7's config applied by the generator", () -> {
                    NodeState s = controller.view().node(NODE);
                    return s != null && s.configApplied();
                });

                CtlRun reinstall = ctl(url, "reprovision", NODE, "--reboot", "--wait", "--timeout", "90s");

                assertEquals(0, reinstall.exit(), reinstall.toString());
                List<String> lines = List.of(reinstall.out().split("\n"));
                assertEquals("lab7: stage pxe (applied)", lines.get(0), reinstall.out());
                assertEquals("lab7: cycle with PXE once: power on (was off: powered on)", lines.get(1), reinstall.out());
                assertTrue(lines.contains("lab7: netbooting, stage pxe") || lines.contains("lab7: netbooting, stage local"),
                    reinstall.out());
                assertEquals("1 node reprovisioned and up", lines.get(lines.size() - 1), reinstall.out());
                // What the BMC was told, in order: PXE for the next boot only, then (the node being off) power on.
                assertEquals(List.of("get boot", "set boot pxe", "get power", "set power 1"), bmc.operations());
                assertEquals("pxe", bmc.bootDevice());

                NodeState s = controller.view().node(NODE);
                assertEquals(BootStage.LOCAL, s.stage(), "the PXE answer flipped it back to local: installed");
                assertEquals(NodeStatus.UP, s.status());
                assertEquals(PowerState.ON, controller.view().power().node(NODE).state());
                String ipxe = Files.readString(dir.resolve("ipxe-answer.txt"));
                assertTrue(ipxe.contains("vmlinuz-el9") && ipxe.contains("inst.ks="), "iPXE was sent the installer: " + ipxe);
                assertTrue(bridge.metrics().produced() >= 2, "the DHCP traffic went through the bridge");
                HttpResponse<String> history = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "/api/v1/nodes/" + NODE + "/events?limit=50")).header("Authorization", "Bearer " + TOKEN)
                    .GET().build(),
                    HttpResponse.BodyHandlers.ofString());
                assertTrue(history.body().contains("\"kind\" : \"power\""), history.body());
            } finally {
                stopReporter();
            }
        }
    }

    /**
     * The node, as its BMC's chassis-control program starts it at power-on: DHCP through dnsmasq's
     * log and dhcp-script, iPXE from the controller, then the installed system's node-reporter.
     */
    private Path nodeScript(String bootUrl, Path spool, Path dnsmasqLog, String kafka, String prefix) throws Exception {
        Path hook = HeadNodeWiring.hook(dir);
        String java = ProcessHandle.current().info().command().orElse("java");
        Path script = dir.resolve("node-lab7");
        Files.writeString(script, String.join("\n",
            "#!/bin/sh",
            "# lab7 powering on (started by its BMC's chassis-control program).",
            "set -e",
            "d='" + dir + "'",
            // The NIC's PXE ROM asks for an address: dnsmasq logs the DISCOVER and calls its dhcp-script.
            "echo \"$(date '+%b %e %H:%M:%S') head dnsmasq-dhcp[4242]: DHCPDISCOVER(eth1) " + MAC + " \" >> '" + dnsmasqLog
                + "'",
            "PXEFLOW_SPOOL='" + spool + "' DNSMASQ_INTERFACE=eth1 DNSMASQ_SUPPLIED_HOSTNAME=" + NODE
                + " DNSMASQ_VENDOR_CLASS=PXEClient:Arch:00007:UNDI:003016 '" + hook + "' add " + MAC + " " + IP,
            // iPXE chains to the controller; what it is told is the PXE event.
            "curl -fsS '" + bootUrl + "/boot/ipxe?mac=" + MAC + "' > \"$d/ipxe-answer.txt\"",
            // The installed system boots; its node-reporter starts and sends a heartbeat every second.
            "'" + java + "' -Xmx64m -cp '" + System.getProperty("java.class.path") + "' io.pxeflow.headnode.PxeflowMain"
                + " reporter --bootstrap " + kafka + " --topic-prefix " + prefix + " --node " + NODE + " --interval 1"
                + " > \"$d/reporter.log\" 2>&1 &",
            "echo $! > \"$d/reporter.pid\"", ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private void stopReporter() throws Exception {
        Path pid = dir.resolve("reporter.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroy);
        }
    }

    record CtlRun(int exit, String out, String err) {
    }

    private CtlRun ctl(String url, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context ctx = new Context(new PrintWriter(out), new PrintWriter(err), Map.of("PXEFLOW_URL", url, "PXEFLOW_TOKEN",
            TOKEN), Clock.systemUTC(), ZoneOffset.UTC, false, dir);
        int exit = CtlMain.run(ctx, args);
        return new CtlRun(exit, out.toString(), err.toString());
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        HeadNodeWiring.await(what, WAIT, condition);
    }
}
