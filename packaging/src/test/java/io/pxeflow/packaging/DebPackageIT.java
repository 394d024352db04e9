package io.pxeflow.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxeflow.testkit.Binaries;
import io.pxeflow.testkit.Prerequisites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opentest4j.TestAbortedException;

/**
 * Installs the .deb packages this build made with the system's package tool, starts every daemon
 * the way its installed unit does (no systemd in a CI container: {@link UnitProcess} reads the
 * unit files), walks the admin's path with the commands on the PATH, then removes the packages
 * and checks that settings and state stay. Needs root and dpkg/apt (it skips and says so
 * elsewhere); it purges what it installed even when it fails.
 *
 * <p>It shares the machine with the rest of the suite: every port comes from the env file the
 * package reads, set to free ephemeral ports, never the defaults (9092, 8080, 9102). The cluster
 * is not the example one: 172.30.9.0/24, nodes rack7-nN.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebPackageIT {
    private static final Path WORK = BuiltPackages.TARGET.resolve("deb-install-it");
    private static final Path MARKER = Path.of("/var/lib/pxeflow/.installed-by-DebPackageIT");
    private static final Path UNITS = Path.of("/usr/lib/systemd/system");
    private static final Path ENV_FILE = Path.of("/etc/pxeflow/pxeflow.env");
    private static final Path TOKEN = Path.of("/etc/pxeflow/admin.token");
    private static final Path DNSMASQ_LOG = Path.of("/var/log/pxeflow-deb-install-it.log");
    private static final String NODE = "rack7-n3";
    private static final String MAC = "52:54:00:7a:10:03";
    private static final String IP = "172.30.9.23";
    private static final List<String> HEAD_UNITS =
        List.of("pxeflow-kafka.service", "pxeflow-controller.service", "pxeflow-generator.service", "pxeflow-bridge.service",
            "pxeflow-power.service");

    private static final Map<String, UnitProcess> running = new LinkedHashMap<>();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static boolean installed;
    private static Throwable installError;
    private static boolean userExisted;
    private static Path deb;
    private static Path reporterDeb;
    private static int kafkaPort;
    private static int httpPort;
    private static int bootPort;
    private static int metricsPort;
    private static int powerMetricsPort;

    /**
     * Installs once, on the first test's call. Not in a {@code @BeforeAll}: a class whose set-up
     * skips is reported by Surefire as no tests at all, and the reason would be lost; here each
     * test skips with it (and bin/test lists it).
     */
    private static synchronized void installed() throws Exception {
        Prerequisites.require(System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux"),
            () -> ".deb packages install on Linux only");
        Prerequisites.require(Prerequisites.isRoot(), () -> "installing a .deb needs root (CI runs the tests as root)");
        Binaries.require("dpkg", "dpkg");
        Binaries.require("apt-get", "apt");
        Binaries.require("setpriv", "util-linux");
        if (installError != null) {
            throw new AssertionError("the install failed in an earlier test", installError);
        }
        if (installed) {
            return;
        }
        try {
            install();
        } catch (Exception | AssertionError e) {
            installError = e;
            throw e;
        }
    }

    private static void install() throws Exception {
        if (isInstalled("pxeflow") || isInstalled("pxeflow-reporter")) {
            if (!Files.exists(MARKER)) {
                throw new TestAbortedException("a pxeflow package is already installed on this machine and this test "
                    + "did not install it: it installs and purges its own, so it leaves this one alone");
            }
            purge(); // a run that was killed before its cleanup
        }
        deb = BuiltPackages.newest("pxeflow_", "_all.deb");
        reporterDeb = BuiltPackages.newest("pxeflow-reporter_", "_all.deb");
        userExisted = !UnitProcess.run("getent", "passwd", "pxeflow").isBlank();
        installed = true; // from here on, the cleanup purges whatever got in
        Result r = sh(List.of("apt-get", "install", "-y", "--no-install-recommends", deb.toString(), reporterDeb.toString()),
            Map.of("DEBIAN_FRONTEND", "noninteractive"), Duration.ofMinutes(5));
        assertEquals(0, r.exit(), "apt-get install of the built packages:\n" + r.out());
        Files.writeString(MARKER, "installed by " + DebPackageIT.class.getName() + "\n");
        UnitProcess.run("rm", "-rf", WORK.resolve("logs").toString()); // this run's logs only
        configure();
    }

    /** Free ports and a cluster network of the test's own, set where an admin would set them. */
    private static void configure() throws IOException, InterruptedException {
        kafkaPort = freePort();
        httpPort = freePort();
        bootPort = freePort();
        metricsPort = freePort();
        powerMetricsPort = freePort();
        setEnv("PXEFLOW_BOOTSTRAP", "127.0.0.1:" + kafkaPort);
        setEnv("PXEFLOW_KAFKA_PORT", Integer.toString(kafkaPort));
        setEnv("PXEFLOW_HTTP_PORT", Integer.toString(httpPort));
        setEnv("PXEFLOW_BOOT_PORT", Integer.toString(bootPort));
        setEnv("PXEFLOW_GENERATOR_METRICS_PORT", Integer.toString(metricsPort));
        setEnv("PXEFLOW_POWER_METRICS_PORT", Integer.toString(powerMetricsPort));
        setEnv("PXEFLOW_DNSMASQ_LOG", DNSMASQ_LOG.toString());
        Files.writeString(DNSMASQ_LOG, "");
        UnitProcess.run("chown", "root:adm", DNSMASQ_LOG.toString());
        Files.writeString(Path.of("/etc/pxeflow/generator.properties"), String.join("\n",
            "generator.id=deb-install-it", "output.dir=/var/lib/pxeflow/generated", "boot.ipxe.port=" + bootPort,
            "outputs=dnsmasq,pxelinux,ipxe,hosts,ethers", ""),
            java.nio.file.StandardOpenOption.APPEND);
        // The packaged broker here is plaintext on loopback: as the example file says for that case,
        // its kafka.* (SASL_SSL) lines go, and the bootstrap names the plaintext port.
        Path reporter = Path.of("/etc/pxeflow/reporter.properties");
        List<String> kept = Files.readAllLines(reporter).stream().filter(l -> !l.startsWith("kafka.")).toList();
        Files.writeString(reporter, String.join("\n", kept) + "\n" + String.join("\n",
            "bootstrap=127.0.0.1:" + kafkaPort, "interval=1", "node=" + NODE, ""));
        Files.createDirectories(WORK);
        Files.writeString(WORK.resolve("rack7.conf"), String.join("\n",
            "# The test's cluster: not the example network or names.",
            "nodes 8",
            "nodename rack7-n%N",
            "master 172.30.9.1",
            "netmask 255.255.255.0",
            "iprange 172.30.9.20 172.30.9.27",
            "class rocky kernelimage /srv/pxe/rocky9/vmlinuz",
            "class rocky initrdimage /srv/pxe/rocky9/initrd.img",
            "class rocky kernelcommandline inst.ks=http://172.30.9.1/ks/rocky9.cfg console=ttyS0,115200n8",
            "node 3 rocky pxe+local local " + MAC,
            "node 4 rocky pxe+local local 52:54:00:7a:10:04", ""));
    }

    @Test
    @Order(1)
    void installedAsAPackageShouldBe() throws Exception {
        installed();
        for (String f : List.of("/usr/bin/pxeflow", "/usr/bin/pxeflow-ctl", "/usr/bin/pxeflow-reporter",
            "/usr/share/pxeflow/pxeflow-headnode.jar", "/usr/share/pxeflow/pxeflow-ctl.jar",
            "/usr/share/pxeflow/pxeflow-reporter.jar", "/usr/lib/pxeflow/pxeflow-dnsmasq-hook")) {
            assertTrue(Files.isRegularFile(Path.of(f)), f + " is installed");
        }
        String conffiles = sh(List.of("dpkg-query", "-W", "-f=${Conffiles}\n", "pxeflow", "pxeflow-reporter"), Map.of(),
            Duration.ofSeconds(30)).out();
        for (String c : List.of("/etc/pxeflow/pxeflow.env", "/etc/pxeflow/generator.properties",
            "/etc/pxeflow/kafka.properties", "/etc/pxeflow/reporter.properties")) {
            assertTrue(conffiles.contains(c + " "), c + " is a conffile (kept on upgrade):\n" + conffiles);
        }
        PosixFileAttributes token = Files.readAttributes(TOKEN, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertEquals("rw-r-----", PosixFilePermissions.toString(token.permissions()), "admin token mode");
        assertEquals("root", token.owner().getName());
        assertEquals("pxeflow", token.group().getName());
        assertTrue(Files.readString(TOKEN).strip().matches("[0-9a-f]{64}"), "a 256-bit hex token");
        assertEquals(Path.of("/usr/bin/pxeflow-ctl"), Path.of("/usr/bin/ctl").toRealPath(), "ctl is pxeflow-ctl (alternatives)");
        assertTrue(UnitProcess.run("getent", "passwd", "pxeflow").contains(":/var/lib/pxeflow:/usr/sbin/nologin"),
            "the pxeflow system user");
        Result v = ctl("version");
        assertTrue(v.out().startsWith("ctl "), v.out());
    }

    @Test
    @Order(2)
    void systemdAcceptsTheInstalledUnits() throws Exception {
        installed();
        Binaries.require("systemd-analyze", "systemd");
        List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
        HEAD_UNITS.forEach(u -> cmd.add(UNITS.resolve(u).toString()));
        cmd.add(UNITS.resolve("pxeflow-reporter.service").toString());
        Result r = sh(cmd, Map.of(), Duration.ofMinutes(1));
        // After=kafka.service (a Kafka installed by hand) and dnsmasq.service need not exist here.
        List<String> problems = r.out().lines().filter(l -> !l.isBlank())
            .filter(l -> !l.contains("kafka.service") || l.contains("pxeflow-kafka.service: "))
            .filter(l -> !l.contains("dnsmasq.service")).toList();
        assertEquals(List.of(), problems, "systemd-analyze verify:\n" + r.out());
    }

    @Test
    @Order(3)
    void theAdminsPathWorksFromThePath() throws Exception {
        installed();
        start("pxeflow-kafka.service");
        await(Duration.ofMinutes(2), () -> listening(kafkaPort), "the Kafka unit listening on " + kafkaPort);
        start("pxeflow-controller.service");
        start("pxeflow-generator.service");
        start("pxeflow-bridge.service");
        start("pxeflow-power.service");
        await(Duration.ofMinutes(3), () -> status("/readyz") == 200, "the controller's /readyz");

        Result imported = ctl("import", WORK.resolve("rack7.conf").toString());
        assertEquals(0, imported.exit(), "ctl import:\n" + imported.out());
        Result nodes = ctl("nodes");
        assertEquals(0, nodes.exit(), nodes.out());
        assertTrue(nodes.out().contains(NODE) && nodes.out().contains("rack7-n4"), "ctl nodes lists the import:\n" + nodes.out());

        // A lease, reported by the packaged dnsmasq hook through the bridge. dnsmasq runs its
        // dhcp-script as root unless dhcp-scriptuser= is set, so the test does too.
        Result hook = sh(List.of("/usr/lib/pxeflow/pxeflow-dnsmasq-hook", "add", MAC, IP, NODE),
            Map.of("DNSMASQ_INTERFACE", "eth1"), Duration.ofSeconds(30));
        assertEquals(0, hook.exit(), hook.out());
        await(Duration.ofMinutes(1), () -> "dhcp".equals(nodeField("status")), NODE + " at dhcp: hook, bridge, Kafka, controller");

        List<String> lines = new CopyOnWriteArrayList<>();
        Process wait = ctlProcess(lines, "reprovision", NODE, "--wait", "--timeout", "4m");
        try {
            // Asked of the API, not of ctl's output: ctl's lines may only come out when it ends.
            await(Duration.ofMinutes(1), () -> "pxe".equals(nodeField("stage")), "ctl reprovision applied (stage pxe)");
            HttpResponse<String> ipxe = get("/boot/ipxe?mac=" + MAC);
            assertEquals(200, ipxe.statusCode(), ipxe.body());
            assertTrue(ipxe.body().startsWith("#!ipxe") && ipxe.body().contains("/srv/pxe/rocky9/vmlinuz"),
                "the iPXE answer boots the installer:\n" + ipxe.body());
            await(Duration.ofMinutes(1), () -> "netbooting".equals(nodeField("status")), NODE + " netbooting");
            // The node comes up: its reporter, started from the pxeflow-reporter unit, sends heartbeats.
            start("pxeflow-reporter.service");
            assertTrue(wait.waitFor(4, TimeUnit.MINUTES), "ctl reprovision --wait ended: " + lines);
            assertEquals(0, wait.exitValue(), "ctl reprovision --wait:\n" + String.join("\n", lines));
        } finally {
            wait.destroyForcibly();
        }
        String out = String.join("\n", lines);
        assertTrue(out.contains(NODE + ": netbooting") && out.contains(NODE + ": up"), "progress lines:\n" + out);
        assertTrue(out.contains("1 node reprovisioned and up"), out);

        Path hosts = Path.of("/var/lib/pxeflow/generated/hosts");
        await(Duration.ofMinutes(1), () -> read(hosts).contains(IP) && read(hosts).contains(NODE),
            "the generator, as pxeflow, writing " + hosts);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().contains("pxeflow_generator_"), "the generator's /metrics on the env file's port");
        // The power worker, root without capabilities, with its LoadCredential'd Kafka file: it reads its requests.
        await(Duration.ofMinutes(1), () -> localStatus(powerMetricsPort, "/readyz") == 200,
            "the power worker's /readyz on the env file's port");
    }

    @Test
    @Order(4)
    void everyDaemonStopsCleanlyOnSigterm() throws Exception {
        installed();
        assertFalse(running.isEmpty(), "the daemons of the admin's path were started");
        List<String> unclean = new ArrayList<>();
        // Reverse start order, as systemd stops them (the broker last).
        List<String> names = new ArrayList<>(running.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            UnitProcess p = running.get(name);
            assertTrue(p.alive(), name + " was still running before the stop:\n" + tail(p));
            Integer exit = p.stop();
            if (exit == null || !p.unit.successExitCodes().contains(exit)) {
                unclean.add(name + " exited " + exit + " (clean: " + p.unit.successExitCodes() + ")\n" + tail(p));
            }
            running.remove(name);
        }
        assertEquals(List.of(), unclean, "systemctl stop would mark these failed");
    }

    @Test
    @Order(5)
    void removingKeepsSettingsAndStateAndAReinstallFindsThem() throws Exception {
        installed();
        String token = Files.readString(TOKEN);
        Result removed = sh(List.of("apt-get", "remove", "-y", "pxeflow", "pxeflow-reporter"),
            Map.of("DEBIAN_FRONTEND", "noninteractive"), Duration.ofMinutes(3));
        assertEquals(0, removed.exit(), removed.out());
        assertFalse(Files.exists(Path.of("/usr/bin/pxeflow")), "the program is gone");
        assertFalse(Files.exists(Path.of("/usr/bin/ctl"), LinkOption.NOFOLLOW_LINKS), "the ctl alternative is gone");
        for (String kept : List.of("/etc/pxeflow/pxeflow.env", "/etc/pxeflow/generator.properties", "/etc/pxeflow/admin.token",
            "/etc/pxeflow/reporter.properties", "/var/lib/pxeflow/kafka/kraft-combined-logs/meta.properties")) {
            assertTrue(Files.exists(Path.of(kept)), kept + " is kept by remove");
        }
        assertTrue(read(ENV_FILE).contains("PXEFLOW_HTTP_PORT=" + httpPort), "the admin's settings are kept as they were");

        Result again = sh(List.of("apt-get", "install", "-y", "--no-install-recommends", deb.toString()),
            Map.of("DEBIAN_FRONTEND", "noninteractive"), Duration.ofMinutes(5));
        assertEquals(0, again.exit(), again.out());
        assertEquals(token, Files.readString(TOKEN), "a reinstall keeps the admin token");
        start("pxeflow-kafka.service");
        await(Duration.ofMinutes(2), () -> listening(kafkaPort), "the Kafka unit again");
        start("pxeflow-controller.service");
        await(Duration.ofMinutes(3), () -> status("/readyz") == 200, "the controller's /readyz again");
        Result nodes = ctl("nodes");
        assertTrue(nodes.out().contains(NODE) && nodes.out().contains("rack7-n4"),
            "the cluster state survived remove and reinstall:\n" + nodes.out());
        Result stage = ctl("set-stage", "rack7-n4", "pxe");
        assertEquals(0, stage.exit(), "a change with the kept token:\n" + stage.out());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        running.values().forEach(UnitProcess::close);
        running.clear();
        if (!installed) {
            return;
        }
        purge();
        if (!userExisted) {
            UnitProcess.run("userdel", "pxeflow");
            UnitProcess.run("groupdel", "pxeflow");
        }
    }

    /** Removes everything the packages and this test put on the machine. */
    private static void purge() throws IOException, InterruptedException {
        sh(List.of("dpkg", "--purge", "pxeflow", "pxeflow-reporter"), Map.of(), Duration.ofMinutes(3));
        for (String dir : List.of("/var/lib/pxeflow", "/var/spool/pxeflow", "/var/cache/pxeflow", "/var/cache/pxeflow-reporter",
            "/etc/pxeflow")) {
            UnitProcess.run("rm", "-rf", dir);
        }
        UnitProcess.run("sh", "-c", "rm -rf /var/tmp/pxeflow-it-*");
        Files.deleteIfExists(DNSMASQ_LOG);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static void start(String unit) throws IOException, InterruptedException {
        running.put(unit, UnitProcess.start(UNITS.resolve(unit), WORK.resolve("logs")));
    }

    /** ctl from the PATH, as an admin runs it: no URL, no token, in a directory of its own. */
    private static Result ctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ctl"));
        cmd.addAll(List.of(args));
        return sh(cmd, Map.of(), Duration.ofMinutes(2));
    }

    private static Process ctlProcess(List<String> lines, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ctl"));
        cmd.addAll(List.of(args));
        Process p = adminProcess(cmd, Map.of()).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(read failed: " + e + ")");
            }
        }, "ctl-output");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private static ProcessBuilder adminProcess(List<String> cmd, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Files.createDirectories(WORK.resolve("admin")).toFile())
            .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().put("HOME", "/root");
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().putAll(env);
        return pb;
    }

    private static Result sh(List<String> cmd, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        Process p = adminProcess(cmd, env).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish within " + timeout);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    record Result(int exit, String out) {
    }

    private static boolean isInstalled(String pkg) throws IOException, InterruptedException {
        return UnitProcess.run("dpkg-query", "-W", "-f=${Status}", pkg).contains("install ok installed");
    }

    private static void setEnv(String key, String value) throws IOException {
        String text = Files.readString(ENV_FILE);
        Pattern p = Pattern.compile("(?m)^" + key + "=.*$");
        Matcher m = p.matcher(text);
        text = m.find() ? m.replaceAll(Matcher.quoteReplacement(key + "=" + value)) : text + key + "=" + value + "\n";
        Files.writeString(ENV_FILE, text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Boot scripts from the node listener, as a node fetches them; the rest from the admin API, with the read-only token. */
    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        if (path.startsWith("/boot/")) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bootPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .header("Authorization", "Bearer " + Files.readString(Path.of("/etc/pxeflow/read.token")).strip())
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int localStatus(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A top-level string field of the node as GET /api/v1/nodes/NODE answers (reads need no token). */
    private static String nodeField(String field) {
        try {
            HttpResponse<String> r = get("/api/v1/nodes/" + NODE);
            return r.statusCode() == 200 ? new ObjectMapper().readTree(r.body()).path(field).asText(null) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits for a condition; on timeout fails with what it waited for and every daemon's last log lines. */
    private static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            for (var e : running.entrySet()) {
                assertTrue(e.getValue().alive(), e.getKey() + " died while waiting for " + what + ":\n" + tail(e.getValue()));
            }
            if (System.nanoTime() > deadline) {
                StringBuilder logs = new StringBuilder();
                running.forEach((name, p) -> logs.append("\n--- ").append(name).append('\n').append(tail(p)));
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what + logs);
            }
            Thread.sleep(250);
        }
    }

    private static String tail(UnitProcess p) {
        List<String> lines = p.logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
