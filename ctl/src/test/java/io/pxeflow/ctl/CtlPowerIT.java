package io.pxeflow.ctl;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.power.worker.PowerSettings;
import io.pxeflow.power.worker.PowerWorker;
import io.pxeflow.testkit.bmc.IpmiSimulator;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden output of {@code ctl power} and {@code ctl reprovision --reboot} against a real
 * controller and a real power worker (rack r3) whose nodes' BMCs are ipmi_sim: one that answers,
 * one whose credentials are stale, one that never answers, one node without a BMC and one of
 * another rack that no worker here takes. Goldens in src/test/resources/golden/live-power.
 */
class CtlPowerIT {
    private static final String PASSWORD = "R3-bmc-pw";
    private static final Pattern BMC_PORT = Pattern.compile("127\\.0\\.0\\.1:\\d+");

    @TempDir
    static Path work;
    private static LiveController live;
    private static PowerWorker worker;
    private static final List<IpmiSimulator> BMCS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        IpmiSimulator.assumeInstalled();
        for (String n : List.of("r3n1", "r3n2", "r3n5")) {
            BMCS.add(IpmiSimulator.start(work.resolve("bmc-" + n), PASSWORD, null));
        }
        BMCS.get(2).freeze();
        live = LiveController.start(Files.createDirectories(work.resolve("controller")));
        Path credentials = Files.createDirectories(work.resolve("credentials"));
        Files.writeString(credentials.resolve("rack3"), "username=admin\npassword=" + PASSWORD + "\n");
        Files.writeString(credentials.resolve("old"), "username=admin\npassword=last-year\n");
        for (String f : List.of("rack3", "old")) {
            Files.setPosixFilePermissions(credentials.resolve(f), PosixFilePermissions.fromString("rw-------"));
        }
        worker = new PowerWorker(live.bootstrap(), PowerSettings.fromMap(Map.of("topic.prefix", live.topics().prefix(),
            "power.id", "rack3", "node.filter", "r3n[0-9]+", "bmc.credentials-dir", credentials.toString(),
            "call.timeout-ms", "2000", "retry.attempts", "1")), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .start();
        Files.writeString(work.resolve("admin.token"), LiveController.TOKEN + "\n");
        Files.writeString(work.resolve("rack3.conf"), String.join("\n",
            "nodename r3n%N",
            "master 172.30.3.1",
            "netmask 255.255.255.0",
            "iprange 172.30.3.10 172.30.3.99",
            "class compute kernelimage /boot/vmlinuz-el9",
            "class compute bmccredentials rack3",
            "node 1 compute pxe+local local bmc=" + BMCS.get(0).address() + " 52:54:00:30:03:01",
            "node 2 compute pxe+local local bmc=" + BMCS.get(1).address() + " 52:54:00:30:03:02",
            "node 3 compute pxe+local local bmc=" + BMCS.get(0).address() + " bmccredentials=old 52:54:00:30:03:03",
            "node 4 compute pxe+local local 52:54:00:30:03:04",
            "node 5 compute pxe+local local bmc=" + BMCS.get(2).address() + " 52:54:00:30:03:05",
            "node 6 compute pxe+local local name=r4n6 bmc=172.30.4.6 52:54:00:30:04:06", ""));
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (live != null) {
            live.close();
        }
        BMCS.forEach(IpmiSimulator::close);
    }

    static List<List<String>> walk() {
        return List.of(
            List.of("import", "rack3.conf"),
            List.of("power", "status", "r3n[1-2]"),
            List.of("power", "on", "r3n1"),
            List.of("power", "cycle", "--pxe", "r3n2"),
            List.of("power", "status", "r3n[1-4]"),
            List.of("power", "on", "r3n5"),
            List.of("power", "cycle", "r4n6", "--timeout", "3s"),
            List.of("power", "off", "r3n1", "-o", "json"),
            List.of("status", "r3n1", "--events", "3"),
            List.of("status", "r3n3", "--events", "1"),
            List.of("reprovision", "r3n[1-2]", "--reboot"),
            List.of("power", "explode", "r3n1"),
            List.of("power", "off", "--pxe", "r3n1"),
            List.of("add", "7", "--name", "r3n7", "--mac", "52:54:00:30:03:07", "--bmc", "BMC0", "--bmc-credentials", "rack3"),
            List.of("power", "on", "r3n7"),
            List.of("add", "8", "--name", "r3n8", "--mac", "52:54:00:30:03:08", "--bmc", "BMC0", "--bmc-protocol", "snmp"),
            List.of("add", "8", "--name", "r3n8", "--mac", "52:54:00:30:03:08", "--bmc-credentials", "rack3"),
            List.of("add", "3", "--name", "r3n3", "--mac", "52:54:00:30:03:03", "--bmc", "none"),
            List.of("nodes", "r3n[1-7]", "-o", "wide"));
    }

    @TestFactory
    Stream<DynamicTest> powerThroughTheBmcs() {
        return walk().stream().map(args -> DynamicTest.dynamicTest(String.join(" ", args), () -> check(args)));
    }

    private void check(List<String> args) {
        Map<String, String> env = new HashMap<>();
        env.put("PXEFLOW_URL", live.url());
        env.put("PXEFLOW_TOKEN", LiveController.TOKEN);
        // The BMCs' ports are only known at run time: BMC0 stands for the first one's address.
        String[] argv = args.stream().map(a -> a.equals("BMC0") ? BMCS.get(0).address() : a).toArray(String[]::new);
        Run run = Run.live(new StringWriter(), env, work, false, argv);
        String name = String.join("-", args).replaceAll("[^A-Za-z0-9-]+", "_");
        String text = LiveOutput.normalise(Golden.transcript(args, run), live.url());
        // No tables of ages here: an age of any width reads " Ns".
        Golden.check("live-power/" + name, BMC_PORT.matcher(text).replaceAll("127.0.0.1:PORT").replaceAll(" +Ns", " Ns"));
    }
}
