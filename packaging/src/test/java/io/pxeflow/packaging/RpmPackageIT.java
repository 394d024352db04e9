package io.pxeflow.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pxeflow.testkit.Binaries;
import io.pxeflow.testkit.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RPMs this build made, as the real {@code rpm} tool reads them (RHEL-family head nodes are
 * the first target; the build machine is Debian, so there is no dnf to install their dependencies):
 * file list and modes, config files, dependencies, scriptlets, and an install into a scratch root
 * that {@code rpm -V} then verifies, then an erase that keeps an edited config file.
 */
class RpmPackageIT {
    private Path rpm;
    private Path reporterRpm;

    /** Per test, not in a {@code @BeforeAll}: Surefire reports a class whose set-up skips as no tests, reason lost. */
    @BeforeEach
    void findThem() throws IOException {
        Binaries.require("rpm", "rpm");
        rpm = BuiltPackages.newest("pxeflow-0", ".noarch.rpm");
        reporterRpm = BuiltPackages.newest("pxeflow-reporter-0", ".noarch.rpm");
    }

    @Test
    void theHeadNodePackageHoldsWhatAHeadNodeNeeds() throws Exception {
        List<String> files = rpmq("-qpl", rpm.toString()).lines().toList();
        for (String f : List.of("/usr/bin/pxeflow", "/usr/bin/pxeflow-ctl", "/usr/share/pxeflow/pxeflow-headnode.jar",
            "/usr/share/pxeflow/pxeflow-ctl.jar", "/usr/lib/pxeflow/pxeflow-dnsmasq-hook",
            "/usr/lib/systemd/system/pxeflow-kafka.service", "/usr/lib/systemd/system/pxeflow-controller.service",
            "/usr/lib/systemd/system/pxeflow-generator.service", "/usr/lib/systemd/system/pxeflow-bridge.service",
            "/usr/lib/systemd/system/pxeflow-power.service", "/etc/pxeflow/power.properties",
            "/etc/pxeflow/pxeflow.env", "/etc/pxeflow/generator.properties", "/usr/share/doc/pxeflow/operations.md")) {
            assertTrue(files.contains(f), f + " is in " + rpm.getFileName());
        }
        assertTrue(files.stream().anyMatch(f -> f.matches("/usr/share/pxeflow/lib/kafka-streams-.*\\.jar")), "the class path");
        // Only pxeflow's own directories: /usr, /etc and systemd's unit directory belong to the system.
        for (String shared : List.of("/usr", "/usr/bin", "/etc", "/usr/lib/systemd/system", "/usr/share/doc")) {
            assertFalse(files.contains(shared), shared + " must not be owned by pxeflow");
        }
        String flags = rpmq("-qp", "--qf", "[%{FILEFLAGS:fflags} %{FILENAMES}\n]", rpm.toString());
        for (String conf : List.of("/etc/pxeflow/pxeflow.env", "/etc/pxeflow/generator.properties", "/etc/pxeflow/kafka.properties")) {
            assertTrue(flags.contains("cn " + conf + "\n"), conf + " is %config(noreplace):\n" + flags);
        }
        String requires = rpmq("-qp", "--requires", rpm.toString());
        assertTrue(requires.contains("java-headless >= 1:17"), "the distribution's Java 17+:\n" + requires);
        assertTrue(requires.contains("shadow-utils"), "useradd for the system user:\n" + requires);
        String scripts = rpmq("-qp", "--scripts", rpm.toString());
        assertTrue(scripts.contains("postinstall scriptlet") && scripts.contains("/usr/share/pxeflow/postinstall.sh"), scripts);
        assertTrue(scripts.contains("preuninstall scriptlet") && scripts.contains("alternatives --remove ctl"), scripts);
        assertTrue(scripts.contains("postuninstall scriptlet") && scripts.contains("try-restart"), scripts);
        assertScriptletsParse(rpm);
    }

    @Test
    void theReporterPackageIsSmallAndSelfContained() throws Exception {
        List<String> files = rpmq("-qpl", reporterRpm.toString()).lines().toList();
        assertTrue(files.containsAll(List.of("/usr/bin/pxeflow-reporter", "/usr/share/pxeflow/pxeflow-reporter.jar",
            "/usr/lib/systemd/system/pxeflow-reporter.service", "/etc/pxeflow/reporter.properties")), files.toString());
        assertFalse(files.stream().anyMatch(f -> f.startsWith("/usr/share/pxeflow/lib")), "no head-node class path");
        assertTrue(rpmq("-qp", "--requires", reporterRpm.toString()).contains("java-headless >= 1:17"));
        assertTrue(Files.size(reporterRpm) < 20L * 1024 * 1024, reporterRpm + " is " + Files.size(reporterRpm) + " bytes");
        assertScriptletsParse(reporterRpm);
    }

    /**
     * Into a scratch root with its own database: the payload lands with its modes, {@code rpm -V}
     * finds every file as packed, and an erase keeps an edited config file as {@code .rpmsave}.
     * Scriptlets cannot run in an empty root (no /bin/sh there); they are checked above.
     */
    @Test
    void installsIntoAScratchRootAndVerifies(@TempDir Path scratch) throws Exception {
        Prerequisites.require(Prerequisites.isRoot(), () -> "rpm sets file owners when it installs: that needs root");
        Path root = scratch.resolve("root");
        Files.createDirectories(root);
        rpmq("--root", root.toString(), "--initdb");
        rpmq("--root", root.toString(), "-i", "--nodeps", "--noscripts", rpm.toString(), reporterRpm.toString());
        String all = rpmq("--root", root.toString(), "-qa");
        assertTrue(all.contains("pxeflow-0.") && all.contains("pxeflow-reporter-0."), all);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("usr/bin/pxeflow-ctl"))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
            Files.getPosixFilePermissions(root.resolve("usr/lib/pxeflow/pxeflow-dnsmasq-hook"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(
            Files.getPosixFilePermissions(root.resolve("usr/share/pxeflow/pxeflow-headnode.jar"))));
        assertEquals("", rpmq("--root", root.toString(), "-V", "--nodeps", "pxeflow", "pxeflow-reporter").strip(),
            "rpm -V: every installed file as packed");

        Path env = root.resolve("etc/pxeflow/pxeflow.env");
        Files.writeString(env, Files.readString(env).replace("PXEFLOW_HTTP_PORT=8080", "PXEFLOW_HTTP_PORT=8181"));
        rpmq("--root", root.toString(), "-e", "--nodeps", "--noscripts", "pxeflow", "pxeflow-reporter");
        assertFalse(Files.exists(root.resolve("usr/bin/pxeflow")), "erased");
        assertTrue(Files.readString(root.resolve("etc/pxeflow/pxeflow.env.rpmsave")).contains("PXEFLOW_HTTP_PORT=8181"),
            "the admin's edited settings are kept as pxeflow.env.rpmsave");
    }

    /** Every scriptlet is valid sh. */
    private void assertScriptletsParse(Path pkg) throws Exception {
        for (String tag : List.of("POSTIN", "PREUN", "POSTUN")) {
            String body = rpmq("-qp", "--qf", "%{" + tag + "}", pkg.toString());
            assertFalse(body.isBlank() || body.equals("(none)"), tag + " scriptlet of " + pkg.getFileName());
            Process sh = new ProcessBuilder("sh", "-n").redirectErrorStream(true).start();
            sh.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            sh.getOutputStream().close();
            String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(sh.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, sh.exitValue(), tag + " of " + pkg.getFileName() + " is not valid sh: " + out);
        }
    }

    private static String rpmq(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("rpm"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish");
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out + err);
        return out;
    }
}
