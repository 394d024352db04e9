package io.pxeflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.StagePolicy;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The examples of the ClusterWare manual (seed 002), each as an admin would write it. */
class ScyldConfigParserTest {
    static final String MACS = "00:A0:D1:E5:C4:6E 00:A0:D1:E5:C4:6F";
    static final List<MacAddress> TWO_MACS = List.of(MacAddress.of("00:a0:d1:e5:c4:6e"), MacAddress.of("00:a0:d1:e5:c4:6f"));

    static Inventory parse(String text) {
        return ScyldConfigParser.parse("config", text);
    }

    static NodeSpec only(Inventory inventory) {
        assertEquals(1, inventory.nodes().size(), inventory.nodes().toString());
        return inventory.nodes().get(0).spec();
    }

    @Nested
    class SeedExamples {
        @Test
        void defaultNodeIsNumberedFromZeroNetbootsEveryTimeAndLeavesItsStageUnsaid() {
            Inventory inv = parse("node " + MACS);
            NodeEntry node = inv.nodes().get(0);
            assertEquals(0, node.index());
            assertEquals("node0", node.name());
            assertEquals(TWO_MACS, node.spec().macs());
            assertEquals(BootSequence.PXE, node.spec().sequence());
            assertNull(node.stage());
            assertEquals(BootStage.PXE, node.initialStage());
            assertEquals(ClassSpec.named(ClassSpec.DEFAULT_NAME), node.spec().bootClass());
        }

        @Test
        void numberedNode() {
            NodeSpec node = only(parse("node 15 " + MACS));
            assertEquals(15, node.index());
            assertEquals("node15", node.name());
        }

        @Test
        void unnumberedNodesFollowTheHighestNumberSoFar() {
            Inventory inv = parse("node 7 00:00:00:00:00:01\nnode 00:00:00:00:00:02\nnode 3 00:00:00:00:00:03\n"
                + "node 00:00:00:00:00:04\n");
            assertEquals(List.of(3, 7, 8, 9), inv.nodes().stream().map(NodeEntry::index).toList());
        }

        @Test
        void clusterWideImagesAreTheDefaultClassAndNodesWithoutAClassGetIt() {
            Inventory inv = parse("""
                kernelimage /boot/vmlinuz-2.6.18-164.2.1.el5.540g0000
                initrdimage /var/beowulf/boot/computenode.initrd
                kernelcommandline rw root=/dev/ram0 image=/var/beowulf/boot/computenode.rootfs
                node 15 %s
                """.formatted(MACS));
            ClassSpec defaults = inv.cluster().classes().get(ClassSpec.DEFAULT_NAME);
            assertEquals("/boot/vmlinuz-2.6.18-164.2.1.el5.540g0000", defaults.kernel());
            assertEquals("/var/beowulf/boot/computenode.initrd", defaults.initrd());
            assertEquals("rw root=/dev/ram0 image=/var/beowulf/boot/computenode.rootfs", defaults.cmdline());
            assertEquals(defaults, only(inv).bootClass());
        }

        @Test
        void perNodeImagesOverrideTheClassAndKeepNone() {
            NodeSpec node = only(parse("""
                kernelimage /boot/vmlinuz
                node 15 %s
                kernelimage 15 /var/beowulf/boot/memtest86+-4.00.bin
                initrdimage 15 none
                kernelcommandline 15 none
                """.formatted(MACS)));
            assertEquals("/var/beowulf/boot/memtest86+-4.00.bin", node.override().kernel());
            assertEquals("none", node.override().initrd());
            assertEquals("none", node.override().cmdline());
            assertEquals("/var/beowulf/boot/memtest86+-4.00.bin", node.effectiveClass().kernel());
        }

        @Test
        void perNodeSettingsTakeRangesAndLists() {
            Inventory inv = parse("""
                node 1 00:00:00:00:00:01
                node 3 00:00:00:00:00:03
                node 6 00:00:00:00:00:06
                node 9 00:00:00:00:00:09
                kernelimage 1,5-7 /boot/memtest
                """);
            assertEquals(List.of("/boot/memtest", "-", "/boot/memtest", "-"), inv.nodes().stream()
                .map(n -> n.spec().override() == null ? "-" : n.spec().override().kernel()).toList());
        }

        @Test
        void memtestClass() {
            Inventory inv = parse("""
                class memtest kernelimage /var/beowulf/boot/memtest86+-4.00.bin
                class memtest initrdimage none
                class memtest kernelcommandline none
                node 15 memtest %s
                """.formatted(MACS));
            ClassSpec memtest = new ClassSpec("memtest", "/var/beowulf/boot/memtest86+-4.00.bin", "none", "none",
                null, null, null, null);
            assertEquals(memtest, inv.cluster().classes().get("memtest"));
            assertEquals(memtest, only(inv).bootClass());
        }

        @Test
        void scyldClassWithSequenceAndStage() {
            Inventory inv = parse("""
                class scyld kernelimage /boot/vmlinuz-2.6.18-164.2.1.el5.540g0000
                class scyld initrdimage /var/beowulf/boot/computenode.initrd
                class scyld kernelcommandline rw root=/dev/ram0 image=/var/beowulf/boot/computenode.rootfs
                node scyld pxe pxe %s
                """.formatted(MACS));
            NodeEntry node = inv.nodes().get(0);
            assertEquals(0, node.index());
            assertEquals("scyld", node.spec().bootClass().name());
            assertEquals(BootSequence.PXE, node.spec().sequence());
            assertEquals(BootStage.PXE, node.stage());
        }

        @Test
        void installedNodeBootsItsLocalDisk() {
            Inventory inv = parse("""
                class genericboot kernelimage none
                class genericboot initrdimage none
                class genericboot kernelcommandline none
                node 15 genericboot pxe+local local %s
                """.formatted(MACS));
            NodeEntry node = inv.nodes().get(0);
            assertEquals(BootSequence.PXE_LOCAL, node.spec().sequence());
            assertEquals(BootStage.LOCAL, node.stage());
            assertEquals("none", node.spec().bootClass().kernel());
        }

        @Test
        void kickstartClassWithContinuedCommandLine() {
            Inventory inv = parse("""
                class centos5u4 kernelimage /var/beowulf/boot/vmlinuz-centos5u4_amd64
                class centos5u4 initrdimage /var/beowulf/boot/initrd-centos5u4_amd64.img
                class centos5u4 kernelcommandline initrd=initrd-centos5u4_amd64.img \\
                                  ks=nfs:10.0.0.1:/home/os/kickstarts/n5-ks.cfg ksdevice=eth0
                class centos5u4 advance on-install-complete
                node 15 centos5u4 pxe+local pxe %s
                """.formatted(MACS));
            ClassSpec centos = inv.cluster().classes().get("centos5u4");
            assertEquals("initrd=initrd-centos5u4_amd64.img ks=nfs:10.0.0.1:/home/os/kickstarts/n5-ks.cfg ksdevice=eth0",
                centos.cmdline());
            assertEquals(StagePolicy.ON_INSTALL_COMPLETE, centos.advance());
            assertEquals(BootStage.PXE, inv.nodes().get(0).stage());
            assertEquals(BootSequence.PXE_LOCAL, inv.nodes().get(0).spec().sequence());
        }

        @Test
        void hostsTakeTheFirstFreeHostrangeAddressWhenTheyGiveNone() {
            Inventory inv = parse("""
                nodes 32
                subnet 10.20.0.0/24
                iprange 10.20.0.10 10.20.0.41
                hostrange 10.20.0.100 10.20.0.101   # devices
                hostrange 10.20.0.200 10.20.0.209   # PDUs
                host 00:A0:D1:E9:87:CA smartswitch
                host 00:A0:D1:E3:FC:E2 pdu1
                host 00:A0:D1:E3:FD:4A pdu2
                host 00:A0:D1:E3:FD:4B 10.20.0.101 storage nas
                """);
            assertEquals(List.of(
                new HostReservation(MacAddress.of("00:a0:d1:e9:87:ca"), Ipv4Address.parse("10.20.0.100"), List.of("smartswitch")),
                new HostReservation(MacAddress.of("00:a0:d1:e3:fc:e2"), Ipv4Address.parse("10.20.0.200"), List.of("pdu1")),
                new HostReservation(MacAddress.of("00:a0:d1:e3:fd:4a"), Ipv4Address.parse("10.20.0.201"), List.of("pdu2")),
                new HostReservation(MacAddress.of("00:a0:d1:e3:fd:4b"), Ipv4Address.parse("10.20.0.101"), List.of("storage", "nas"))),
                inv.cluster().hosts());
            assertEquals(32, inv.cluster().nodeCount());
        }
    }

    @Nested
    class Nodes {
        @Test
        void addressComesFromTheIprangeAndNameFromThePattern() {
            NodeSpec node = only(parse("subnet 10.54.0.0/16 next-server 10.54.0.1\niprange 10.54.0.10 10.54.0.41\nnodename n%N-c\nnode 15 " + MACS));
            assertEquals(Ipv4Address.parse("10.54.0.25"), node.ip());
            assertEquals("n15-c", node.name());
        }

        @Test
        void anyMacSpellingIsAccepted() {
            NodeSpec node = only(parse("node 1 00-a0-d1-e5-c4-6e 00a0.d1e5.c46f 00A0D1E5C470"));
            assertEquals(List.of("00:a0:d1:e5:c4:6e", "00:a0:d1:e5:c4:6f", "00:a0:d1:e5:c4:70"),
                node.macs().stream().map(MacAddress::value).toList());
        }

        @Test
        void sequenceWithoutStageLeavesTheStageUnsaid() {
            NodeEntry node = parse("node 2 local 00:00:00:00:00:01").nodes().get(0);
            assertEquals(BootSequence.LOCAL, node.spec().sequence());
            assertNull(node.stage());
            assertEquals(BootStage.LOCAL, node.initialStage());
        }

        @Test
        void pxeflowNameAndAddressKeysWinOverPatternAndRange() {
            NodeSpec node = only(parse("subnet 10.0.0.0/24 next-server 10.0.0.1\niprange 10.0.0.10 10.0.0.99\nnode 3 pxe name=node003 ip=10.0.0.50 00:00:00:00:00:01"));
            assertEquals("node003", node.name());
            assertEquals(Ipv4Address.parse("10.0.0.50"), node.ip());
        }

        @Test
        void classNamesMayHoldDotsAndUnderscores() {
            NodeSpec node = only(parse("class el9.4_gpu kernelimage /boot/k\nnode 1 el9.4_gpu 00:00:00:00:00:01"));
            assertEquals("el9.4_gpu", node.bootClass().name());
        }

        @Test
        void withoutIprangeANodeHasNoAddress() {
            assertNull(only(parse("node 1 00:00:00:00:00:01")).ip());
        }
    }

    @Nested
    class Warnings {
        @Test
        void clusterWareDirectivesPxeflowDoesNotUseAreWarnings() {
            Inventory inv = parse("""
                server eth1
                pxeinterfaces eth1
                nodeassign locked
                bootmodule e1000
                modarg e1000 debug=1
                libraries /lib64
                node 1 00:00:00:00:00:01
                prestage /usr/lib64/libmpi.so
                """);
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 8), inv.warnings().stream().map(Problem::line).toList());
            assertTrue(inv.warnings().get(1).reason().contains("pxeinterfaces"), inv.warnings().toString());
            assertEquals(1, inv.nodes().size());
        }

        @Test
        void perNodeSettingForNoDeclaredNodeIsAWarning() {
            Inventory inv = parse("node 1 00:00:00:00:00:01\nkernelimage 40-45 /boot/memtest\n");
            assertEquals(2, inv.warnings().get(0).line());
        }
    }

    @Test
    void nullTextIsAnEmptyInventory() {
        Inventory inv = ScyldConfigParser.parse("config", null);
        assertTrue(inv.nodes().isEmpty());
    }

    @Test
    void anyProblemRejectsTheWholeFile() {
        InventoryException e = assertThrows(InventoryException.class,
            () -> parse("node 1 00:00:00:00:00:01\nnode 2 00:00:00:00:00:01\n"));
        assertEquals(1, e.problems().size());
    }
}
