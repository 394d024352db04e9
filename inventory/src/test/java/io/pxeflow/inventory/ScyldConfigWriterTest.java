package io.pxeflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Network;
import io.pxeflow.protocol.field.Ipv4Range;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.Subnet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScyldConfigWriterTest {

    @Test
    void canonicalOutput() {
        Inventory inv = ScyldConfigParser.parse("in", """
            node 16 memtest 00:A0:D1:E5:C4:70          # out of order on purpose
            class memtest kernelcommandline none
            class memtest kernelimage /boot/memtest
            node 15 centos pxe+local pxe 00:A0:D1:E5:C4:6E 00:A0:D1:E5:C4:6F
            class centos kernelimage /boot/vmlinuz
            class centos advance on-install-complete
            kernelcommandline quiet
            iprange 10.54.0.10 10.54.0.41
            master 10.54.0.1
            nodes 32
            nodename n%N
            hostrange 10.54.0.200 10.54.0.219
            host 00:A0:D1:E9:87:CA smartswitch sw
            initrdimage 15 none
            subnet 172.20.4.0/22 router 172.20.4.1
            subnet 172.20.4.0/22 next-server 10.54.0.1 ipxe 10.54.0.1:8080
            netmask 255.255.0.0
            subnet 10.54.0.0/16 dns 10.54.0.1,10.54.0.2 domain cluster.example
            """);
        assertEquals("""
            # pxeflow inventory in ClusterWare /etc/beowulf/config syntax

            nodes 32
            nodename n%N
            master 10.54.0.1
            subnet 10.54.0.0/16 dns 10.54.0.1,10.54.0.2 domain cluster.example
            subnet 172.20.4.0/22 router 172.20.4.1 next-server 10.54.0.1 ipxe 10.54.0.1:8080
            iprange 10.54.0.10 10.54.0.41
            hostrange 10.54.0.200 10.54.0.219

            host 00:a0:d1:e9:87:ca 10.54.0.200 smartswitch sw

            kernelcommandline quiet

            class centos kernelimage /boot/vmlinuz
            class centos advance on-install-complete

            class memtest kernelimage /boot/memtest
            class memtest kernelcommandline none

            node 15 centos pxe+local pxe 00:a0:d1:e5:c4:6e 00:a0:d1:e5:c4:6f
            node 16 memtest pxe 00:a0:d1:e5:c4:70

            initrdimage 15 none
            """, ScyldConfigWriter.write(inv));
        assertEquals(inv.withoutWarnings(), ScyldConfigParser.parse("out", ScyldConfigWriter.write(inv)));
    }

    @Test
    void aNetworkReadFromTheInterfaceIsWrittenAsTheInterface_withALineOnlyForItsOptions() {
        HostInterfaces head = HostInterfaces.of(Map.of("eth1", List.of(
            new HostInterfaces.Address(Ipv4Address.parse("10.78.0.1"), 24))));
        Inventory bare = ScyldConfigParser.parse("in", "interface eth1\niprange 10.78.0.10 10.78.0.17\n", head);
        String text = ScyldConfigWriter.write(bare);
        assertEquals(List.of("master 10.78.0.1", "interface eth1", "iprange 10.78.0.10 10.78.0.17"),
            text.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        assertEquals(bare, ScyldConfigParser.parse("out", text, head));

        Inventory routed = ScyldConfigParser.parse("in", "interface eth1\nsubnet 10.78.0.0/24 router 10.78.0.254\n", head);
        String withRouter = ScyldConfigWriter.write(routed);
        assertEquals(List.of("master 10.78.0.1", "interface eth1", "subnet 10.78.0.0/24 router 10.78.0.254"),
            withRouter.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        assertEquals(routed, ScyldConfigParser.parse("out", withRouter, head));
    }

    @Test
    void defaultCommandLineThatLooksLikeANodeListIsWrittenAsClassDefault() {
        Inventory inv = ScyldConfigParser.parse("in", "class default kernelcommandline 3 single\nclass default rootimage /img\n");
        String text = ScyldConfigWriter.write(inv);
        assertEquals(List.of("class default kernelcommandline 3 single", "class default rootimage /img"),
            text.lines().filter(l -> l.startsWith("class")).toList());
        assertEquals(inv, ScyldConfigParser.parse("out", text));
    }

    @Test
    void emptyClassesAreDeclaredBare() {
        Inventory inv = ScyldConfigParser.parse("in", "class default\nclass spare\nnode 1 spare 00:00:00:00:00:01\n");
        assertEquals(inv, ScyldConfigParser.parse("out", ScyldConfigWriter.write(inv)));
    }

    @Test
    void nodeAddressOutsideTheDerivedOneIsWrittenExplicitly() {
        ClusterInventory cluster = new ClusterInventory(null, null, null, new Ipv4Range(
            Ipv4Address.parse("10.0.0.10"), Ipv4Address.parse("10.0.0.99")), null, Map.of(), null,
            List.of(new Subnet(Ipv4Network.parse("10.0.0.0/24"), null, Ipv4Address.parse("10.0.0.1"), null, null, null, null)));
        NodeSpec spec = new NodeSpec(1, "node1", List.of(MacAddress.of("00:00:00:00:00:01")),
            Ipv4Address.parse("10.0.0.50"), null, null, BootSequence.PXE_LOCAL);
        Inventory inv = new Inventory(cluster, List.of(new NodeEntry(spec, BootStage.LOCAL)));
        String text = ScyldConfigWriter.write(inv);
        assertEquals("node 1 pxe+local local ip=10.0.0.50 00:00:00:00:00:01", text.lines().filter(l -> l.startsWith("node ")).findFirst().orElseThrow());
        assertEquals(inv, ScyldConfigParser.parse("out", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#comment", "a #b", "trailing\\"})
    void valuesTheSyntaxCannotCarryAreRefused(String cmdline) {
        ClassSpec c = ClassSpec.named("c").withCmdline(cmdline);
        Inventory inv = new Inventory(new ClusterInventory(null, null, null, null, null, Map.of("c", c), null), List.of());
        assertThrows(IllegalArgumentException.class, () -> ScyldConfigWriter.write(inv));
    }
}
