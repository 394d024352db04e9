package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxeflow.bridge.BridgeDaemon;
import io.pxeflow.testkit.netns.DnsmasqServer;
import io.pxeflow.testkit.netns.HostPortInNetns;
import io.pxeflow.testkit.netns.Netns;
import io.pxeflow.testkit.netns.NetnsLab;
import io.pxeflow.testkit.netns.QemuVm;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real machine boots from pxeflow on a network that is not the example's: QEMU (TCG) with
 * Debian's iPXE as its NIC ROM, on 172.30.9.0/24, served by a real dnsmasq on the generated
 * files; the controller's live iPXE endpoint is reached at the head node's address (a port of
 * this JVM made reachable inside the namespace). Twice the whole life of a pxe+local node:
 * the installer is fetched (kernel and initrd over TFTP), the stage flips, the next boot is told
 * to boot its local disk (whose boot sector says so on the serial console), and after a
 * reprovision the installer is fetched again: once through PXELINUX (the generated 01-MAC file),
 * once through iPXE (the live endpoint).
 *
 * <p>QEMU's only PXE ROM is iPXE, which always identifies itself (user class iPXE), and the
 * generated DHCP files hand iPXE the endpoint's URL. For the PXELINUX path the generator runs
 * with {@code boot.ipxe.url=pxelinux.0}, so iPXE is handed pxelinux.0 exactly as a plain PXE ROM
 * is (from the same next-server), and loads it through its PXE API: from there on it is the plain
 * PXE path (pxelinux.0, ldlinux.c32, pxelinux.cfg/01-MAC over TFTP, LOCALBOOT through the ROM).
 *
 * <p>iPXE waits about 12 s for an IPv6 router after DHCP; the test network has one (dnsmasq's
 * router advertisements, added on its command line: pxeflow's files are unchanged), which keeps
 * a boot to the installer at under 10 s.
 */
class QemuPxeBootIT {
    private static final String HEAD = "172.30.9.1";
    private static final String MAC = "52:54:00:30:09:10";
    private static final String NODE = "vm0";
    private static final String NODE_IP = "172.30.9.10";
    private static final String DISK_SAYS = "pxeflow-test: booted from the local disk";
    private static final String CONFIG = "tftpboot/pxelinux.cfg/01-52-54-00-30-09-10";
    private static final int ENDPOINT = 8088;
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final String INVENTORY = """
        nodes 16
        nodename vm%N
        master 172.30.9.1
        netmask 255.255.255.0
        subnet 172.30.9.0/24 router 172.30.9.1
        iprange 172.30.9.10 172.30.9.20
        class inst kernelimage boot/vmlinuz-inst
        class inst initrdimage boot/initrd-inst.img
        class inst kernelcommandline console=ttyS0 inst.ks=http://172.30.9.1/ks.cfg
        class inst advance on-pxe-served
        node 0 inst pxe+local pxe 52:54:00:30:09:10
        """;

    @TempDir
    Path dir;
    private HeadNodeFixture head;
    private Netns server;
    private Path disk;

    @Test
    void installLocalBootReprovision_throughPxelinuxAndThroughIpxe() throws Exception {
        Path pxelinux = require(Path.of("/usr/lib/PXELINUX/pxelinux.0"), "pxelinux");
        Path ldlinux = require(Path.of("/usr/lib/syslinux/modules/bios/ldlinux.c32"), "syslinux-common");
        try (NetnsLab lab = NetnsLab.create()) {
            server = lab.namespace("srv", "br0");
            lab.bridge(server, "br0", HEAD + "/24");
            lab.address(server, "br0", "fd00:30:9::1/64");
            lab.tap(server, "tap0", "br0");
            disk = QemuVm.bootSector(dir.resolve("disk.raw"), DISK_SAYS);

            head = HeadNodeFixture.start(dir.resolve("data"), ENDPOINT, Map.of("boot.ipxe.url", "pxelinux.0"));
            try (HeadNodeFixture h = head;
                 HostPortInNetns endpoint = HostPortInNetns.open(server, HEAD, ENDPOINT, head.bootPort(), dir.resolve("fwd"))) {
                head.importInventory(INVENTORY);
                Path tftp = head.generated().resolve("tftpboot");
                head.await("the generator wrote the node's PXELINUX config", () -> HeadNodeFixture.fileContains(
                    head.generated().resolve(CONFIG), "KERNEL boot/vmlinuz-inst"));
                install(tftp.resolve("pxelinux.0"), pxelinux);
                install(tftp.resolve("ldlinux.c32"), ldlinux);
                Files.createDirectories(tftp.resolve("boot"));
                Files.writeString(tftp.resolve("boot/vmlinuz-inst"), "placeholder kernel\n".repeat(200));
                Files.writeString(tftp.resolve("boot/initrd-inst.img"), "placeholder initrd\n".repeat(200));
                relax(tftp);

                pxelinuxPath();
                ipxePath();
            }
        }
    }

    /** A PXE ROM's life: the generated 01-MAC file over TFTP decides each boot. */
    private void pxelinuxPath() throws Exception {
        try (DnsmasqServer dnsmasq = dnsmasq("dnsmasq-pxelinux");
             BridgeDaemon bridge = head.bridge(dir.resolve("spool-pxelinux"), "dnsmasq-log", dnsmasq.log())) {
            // Boot 1: the installer.
            try (QemuVm vm = vm()) {
                awaitFetched(dnsmasq, vm, "boot/initrd-inst.img", 1);
                String log = dnsmasq.logText();
                assertEquals(1, count(log, "sent " + tftp("pxelinux.0")), log);
                assertEquals(1, count(log, "sent " + tftp("ldlinux.c32")), log);
                assertEquals(1, count(log, "sent " + tftp("pxelinux.cfg/01-52-54-00-30-09-10")), log);
                assertEquals(1, count(log, "sent " + tftp("boot/vmlinuz-inst")), log);
                assertTrue(vm.console().contains("Loading boot/vmlinuz-inst"), vm.console());
            }
            flippedToLocal("the installer's config was served through PXELINUX");
            head.await("the generator rewrote the 01-MAC file to boot the local disk",
                () -> HeadNodeFixture.fileContains(head.generated().resolve(CONFIG), "LOCALBOOT 0"));

            // Boot 2: told to boot its local disk.
            try (QemuVm vm = vm()) {
                vm.awaitConsole("the local disk booted", c -> c.contains(DISK_SAYS), BOOT);
                assertTrue(vm.console().contains("Booting from local disk"), "PXELINUX's LOCALBOOT: " + vm.console());
                String log = dnsmasq.logText();
                assertEquals(2, count(log, "sent " + tftp("pxelinux.cfg/01-52-54-00-30-09-10")), log);
                assertEquals(1, count(log, "sent " + tftp("boot/vmlinuz-inst")), "no installer the second time: " + log);
            }
            assertEquals("local", head.node(NODE).path("stage").asText());

            // `ctl reprovision vm0`; boot 3: the installer again.
            reprovision();
            head.await("the generator rewrote the 01-MAC file for the installer",
                () -> HeadNodeFixture.fileContains(head.generated().resolve(CONFIG), "KERNEL boot/vmlinuz-inst"));
            try (QemuVm vm = vm()) {
                awaitFetched(dnsmasq, vm, "boot/initrd-inst.img", 2);
                assertEquals(2, count(dnsmasq.logText(), "sent " + tftp("boot/vmlinuz-inst")), dnsmasq.logText());
            }
            flippedToLocal("the reprovisioned node's installer was served through PXELINUX");
            assertTrue(bridge.metrics().produced() > 0);
        }
    }

    /** iPXE's life: the live endpoint answers each boot; the kernel and initrd come over TFTP. */
    private void ipxePath() throws Exception {
        head.restartGenerator(Map.of());
        String chain = "http://" + HEAD + ":" + ENDPOINT + "/boot/ipxe?mac=${net0/mac}";
        head.await("the DHCP files send iPXE to the live endpoint",
            () -> HeadNodeFixture.fileContains(head.generated().resolve("dnsmasq/pxeflow.conf"), chain));
        reprovision();
        try (DnsmasqServer dnsmasq = dnsmasq("dnsmasq-ipxe");
             BridgeDaemon bridge = head.bridge(dir.resolve("spool-ipxe"), "dnsmasq-log", dnsmasq.log())) {
            // Boot 4: the endpoint answers with the installer; iPXE fetches it.
            try (QemuVm vm = vm()) {
                awaitFetched(dnsmasq, vm, "boot/initrd-inst.img", 1);
                assertTrue(vm.console().contains(chain.replace("${net0/mac}", MAC)) || vm.console().contains("boot/ipxe"),
                    "iPXE chained to the endpoint: " + vm.console());
                assertTrue(vm.console().contains("tftp://" + HEAD + "/boot/vmlinuz-inst"), vm.console());
                assertEquals(0, count(dnsmasq.logText(), "sent " + tftp("pxelinux.0")), "no PXELINUX on this path");
            }
            flippedToLocal("the endpoint answered vm0 with its installer");

            // Boot 5: the endpoint says "boot your disk", iPXE exits to the BIOS, the disk boots.
            try (QemuVm vm = vm()) {
                vm.awaitConsole("the local disk booted", c -> c.contains(DISK_SAYS), BOOT);
                assertTrue(vm.console().contains("pxeflow: " + NODE + " boots from its local disk"), vm.console());
                assertEquals(1, count(dnsmasq.logText(), "sent " + tftp("boot/vmlinuz-inst")), dnsmasq.logText());
            }

            // `ctl reprovision vm0`; boot 6: the installer again, through iPXE.
            reprovision();
            try (QemuVm vm = vm()) {
                awaitFetched(dnsmasq, vm, "boot/initrd-inst.img", 2);
            }
            flippedToLocal("the reprovisioned node was answered with its installer by the endpoint");
            assertTrue(bridge.metrics().produced() > 0);
        }
    }

    private DnsmasqServer dnsmasq(String name) throws Exception {
        return DnsmasqServer.start(server, dir.resolve(name), head.generated().resolve("dnsmasq/pxeflow.conf"),
            "--enable-ra", "--dhcp-range=::,constructor:br0,ra-stateless");
    }

    private QemuVm vm() throws Exception {
        return QemuVm.start(server, dir.resolve("vm"), "tap0", MAC, disk);
    }

    private void awaitFetched(DnsmasqServer dnsmasq, QemuVm vm, String file, int times) throws InterruptedException {
        String sent = "sent " + tftp(file) + " to " + NODE_IP;
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (count(dnsmasq.logText(), sent) < times) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " not fetched " + times + " times within " + BOOT + "\n--- console:\n"
                    + vm.console() + "\n--- dnsmasq:\n" + dnsmasq.logText());
            }
            Thread.sleep(200);
        }
    }

    private void flippedToLocal(String why) throws Exception {
        JsonNode n = head.awaitNode(NODE, why + ": the stage flips to local",
            s -> "local".equals(s.path("stage").asText()) && s.path("configApplied").asBoolean());
        assertFalse(n.path("events").toString().contains("boot-loop"), n.toPrettyString());
    }

    private void reprovision() throws Exception {
        HttpResponse<String> r = head.post("/api/v1/nodes/" + NODE + "/reprovision", "{}");
        assertEquals(200, r.statusCode(), r.body());
        head.awaitNode(NODE, "the reprovision was applied",
            s -> "pxe".equals(s.path("stage").asText()) && s.path("configApplied").asBoolean());
    }

    private String tftp(String file) {
        return head.generated().resolve("tftpboot").resolve(file).toString();
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static Path require(Path p, String debianPackage) {
        assumeTrue(Files.isRegularFile(p), p + " is missing; apt-get install " + debianPackage + " to run this test");
        return p;
    }

    private static void install(Path target, Path source) throws Exception {
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** dnsmasq serves TFTP as an unprivileged user. */
    private static void relax(Path tftp) throws Exception {
        try (var files = Files.walk(tftp)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
