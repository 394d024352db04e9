package io.pxeflow.testkit.bmc;

import io.pxeflow.testkit.Binaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real IPMI BMC for tests: OpenIPMI's {@code ipmi_sim} with a LAN channel on a loopback UDP
 * port and one admin user, reached with {@code ipmitool -I lanplus -C 3}. Its chassis-control
 * program is a shell script that records every call ({@code get power}, {@code set power 1},
 * {@code set boot pxe}, ...) with a timestamp in {@code chassis.log} and keeps the power and boot
 * device in files; on a power-on (and a reset) it starts {@code onBoot} in the background, so a
 * test can make the "node" boot: send its DHCP and PXE traffic, then heartbeats.
 * {@link #freeze()} stops the process (SIGSTOP): a BMC that never answers.
 */
public final class IpmiSimulator implements AutoCloseable {
    public static final String USER = "admin";

    private final Path dir;
    private final int port;
    private final String password;
    private final Process process;

    private IpmiSimulator(Path dir, int port, String password, Process process) {
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.process = process;
    }

    /** Skips the calling test unless both ipmi_sim and ipmitool are installed (CI has them). */
    public static void assumeInstalled() {
        Binaries.require("ipmi_sim", "openipmi");
        Binaries.require("ipmitool", "ipmitool");
    }

    /**
     * Starts a simulator in {@code dir} (created) and waits until it answers.
     *
     * @param onBoot a command run (by {@code sh -c}, in the background) each time the chassis powers
     *               on or resets; null for none
     */
    public static IpmiSimulator start(Path dir, String password, String onBoot) throws IOException, InterruptedException {
        Path sim = Binaries.require("ipmi_sim", "openipmi");
        Files.createDirectories(dir.resolve("state"));
        int port = freeUdpPort();
        Path chassis = dir.resolve("chassis-control");
        Files.writeString(chassis, chassisScript(dir, onBoot));
        Files.setPosixFilePermissions(chassis, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("power"), "0\n");
        Files.writeString(dir.resolve("lan.conf"), String.join("\n",
            "name \"bmc-" + port + "\"",
            "set_working_mc 0x20",
            "  startlan 1",
            "    addr 127.0.0.1 " + port,
            "    priv_limit admin",
            "    allowed_auths_callback none md2 md5 straight",
            "    allowed_auths_user none md2 md5 straight",
            "    allowed_auths_operator none md2 md5 straight",
            "    allowed_auths_admin none md2 md5 straight",
            "    guid a123456789abcdefa123456789abcdef",
            "  endlan",
            // ipmi_sim calls it as "PROG 0x20 get power", "PROG 0x20 set power 1".
            "  chassis_control \"" + chassis + " 0x20\"",
            "  user 2 true \"" + USER + "\" \"" + password + "\" admin 10 none md2 md5 straight",
            ""));
        Files.writeString(dir.resolve("sim.emu"), String.join("\n",
            "mc_setbmc 0x20",
            "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr",
            "mc_enable 0x20", ""));
        Process p = new ProcessBuilder(sim.toString(), "-c", dir.resolve("lan.conf").toString(), "-f",
            dir.resolve("sim.emu").toString(), "-s", dir.resolve("state").toString(), "-n")
            .redirectErrorStream(true).redirectOutput(dir.resolve("ipmi_sim.out").toFile()).start();
        IpmiSimulator s = new IpmiSimulator(dir, port, password, p);
        s.awaitAnswering(Duration.ofSeconds(20));
        return s;
    }

    private static String chassisScript(Path dir, String onBoot) {
        String boot = onBoot == null ? ":;" : "(" + onBoot + ") </dev/null >>\"$d/on-boot.log\" 2>&1 &";
        return String.join("\n",
            "#!/bin/sh",
            "# ipmi_sim's chassis control: PROG DEVICE get PARM... | set PARM VALUE...",
            "d='" + dir + "'",
            "dev=$1; op=$2; shift 2",
            "echo \"$(date +%s.%N) $op $*\" >> \"$d/chassis.log\"",
            "case $op in",
            "  get)",
            "    for p in \"$@\"; do",
            "      case $p in",
            "        power) echo \"power:$(cat \"$d/power\")\" ;;",
            "        boot) echo \"boot:$(cat \"$d/boot\" 2>/dev/null || echo default)\" ;;",
            "        *) echo \"Invalid parameter: $p\"; exit 1 ;;",
            "      esac",
            "    done ;;",
            "  set)",
            "    while [ $# -gt 1 ]; do",
            "      p=$1; v=$2; shift 2",
            "      case $p in",
            "        power) was=$(cat \"$d/power\"); echo \"$v\" > \"$d/power\"",
            "               if [ \"$v\" = 1 ] && [ \"$was\" = 0 ]; then " + boot + " fi ;;",
            "        reset) " + boot + " ;;",
            "        boot) echo \"$v\" > \"$d/boot\" ;;",
            "        *) ;;",
            "      esac",
            "    done ;;",
            "  *) echo \"Unknown operation: $op\"; exit 1 ;;",
            "esac",
            "");
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitAnswering(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ProcessBuilder pb = new ProcessBuilder(ipmitool("power", "status")).redirectErrorStream(true);
            pb.environment().put("IPMI_PASSWORD", password);
            Process probe = pb.start();
            if (probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                // The probe read the power state: start the call log clean.
                Files.deleteIfExists(dir.resolve("chassis.log"));
                return;
            }
            probe.destroyForcibly();
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("ipmi_sim on 127.0.0.1:" + port + " did not answer: "
                    + (process.isAlive() ? "" : "it exited " + process.exitValue() + ": ") + read(dir.resolve("ipmi_sim.out")));
            }
            Thread.sleep(100);
        }
    }

    /** An ipmitool command line for this BMC (password in IPMI_PASSWORD, as the power worker passes it). */
    public List<String> ipmitool(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Binaries.require("ipmitool", "ipmitool").toString(), "-I", "lanplus",
            "-C", "3", "-H", host(), "-p", Integer.toString(port), "-U", USER, "-E", "-N", "1", "-R", "1"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, as a node's {@code bmc=} names it. */
    public String address() {
        return host() + ":" + port;
    }

    public Path dir() {
        return dir;
    }

    /** The chassis-control calls so far, oldest first, each {@code "EPOCH.NANOS op parm value"}. */
    public List<String> calls() {
        String text = read(dir.resolve("chassis.log"));
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** The calls without their timestamps: {@code "set power 1"}. */
    public List<String> operations() {
        return calls().stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    /** "1" when the simulated chassis is on. */
    public String power() {
        return read(dir.resolve("power")).strip();
    }

    public String bootDevice() {
        String b = read(dir.resolve("boot")).strip();
        return b.isEmpty() ? "default" : b;
    }

    /** From now on this BMC never answers (SIGSTOP), like one whose network cable is out. */
    public void freeze() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start().waitFor();
    }

    public void thaw() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).start().waitFor();
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            thaw();
        } catch (IOException | InterruptedException e) {
            // Killing it below works on a stopped process too.
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
