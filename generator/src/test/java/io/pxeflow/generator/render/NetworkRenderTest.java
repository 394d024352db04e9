package io.pxeflow.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.generator.Fixtures;
import io.pxeflow.generator.output.ConfigChange;
import io.pxeflow.generator.output.GeneratedTree;
import io.pxeflow.generator.output.PreSwapValidator;
import io.pxeflow.inventory.HostInterfaces;
import io.pxeflow.inventory.Inventory;
import io.pxeflow.inventory.ScyldConfigParser;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DHCP files follow the inventory's networks, not the settings: a /24 that is not the
 * example's, and a rack behind a relay with its own router, next-server and iPXE URL.
 */
class NetworkRenderTest {
    static final String TWO_SUBNETS = """
        master 10.78.0.1
        netmask 255.255.255.0
        subnet 10.78.0.0/24 router 10.78.0.254 dns 10.78.0.1 domain head.lab
        subnet 172.20.4.0/22 router 172.20.4.1 next-server 10.78.0.1 dns 10.78.0.1,10.78.0.2 domain rack2.lab ipxe 10.78.0.1:9080
        iprange 10.78.0.10 10.78.0.17
        """;

    @TempDir
    Path out;

    static ClusterInventory inventory(String text) {
        return ScyldConfigParser.parse("cluster.conf", text).cluster();
    }

    /** Settings with no network key: what the all-in-one and a fresh head node run with. */
    private GeneratorSettings bare(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("generator.id", "net-test");
        m.put("output.dir", out.toString());
        m.putAll(extra);
        return GeneratorSettings.fromMap(m);
    }

    private static NodeBootConfig node(String name, int index, String ip, String mac) {
        return new NodeBootConfig(name, index, List.of(MacAddress.of(mac)), Ipv4Address.parse(ip), BootSequence.PXE_LOCAL,
            BootStage.PXE, Fixtures.INSTALLER, false, 1, Fixtures.T0);
    }

    private GeneratedTree render(GeneratorSettings settings, ClusterInventory inventory, List<ConfigRecord> records)
            throws IOException {
        GeneratedTree tree = new GeneratedTree(settings, PreSwapValidator.NONE, Clock.systemUTC(), HostInterfaces.NONE);
        tree.network(inventory);
        List<ConfigChange> changes = new ArrayList<>();
        records.forEach(r -> changes.add(ConfigChange.of(r.key(), r)));
        tree.apply(changes, true);
        return tree;
    }

    private String file(String name) throws IOException {
        return Files.readString(out.resolve(name));
    }

    @Test
    void theIssuesClusterOnItsOwnSlash24_notTheExamplesNetwork() throws IOException {
        render(bare(Map.of()), inventory("master 10.78.0.1\nnetmask 255.255.255.0\niprange 10.78.0.10 10.78.0.17\n"),
            List.of(node("c0", 0, "10.78.0.10", "52:54:00:78:00:10")));
        String dhcpd = file("dhcpd.conf");
        assertTrue(dhcpd.contains("subnet 10.78.0.0 netmask 255.255.255.0 {"), dhcpd);
        assertTrue(dhcpd.contains("next-server 10.78.0.1;"), dhcpd);
        assertTrue(dhcpd.contains("filename \"http://10.78.0.1:8088/boot/ipxe?mac=${net0/mac}\";"), dhcpd);
        assertFalse(dhcpd.contains("10.54."), dhcpd);
        String dnsmasq = file("dnsmasq/pxeflow.conf");
        assertTrue(dnsmasq.contains("dhcp-range=set:pxeflow-10-78-0-0-24,10.78.0.0,static,255.255.255.0,21600"), dnsmasq);
        assertTrue(dnsmasq.contains("pxelinux.0,,10.78.0.1"), dnsmasq);
        assertFalse(dnsmasq.contains("10.54."), dnsmasq);
        String kea = file("kea-dhcp4.json");
        assertTrue(kea.contains("\"subnet\": \"10.78.0.0/24\""), kea);
        assertFalse(kea.contains("10.54."), kea);
    }

    @Test
    void twoSubnets_eachWithItsOwnBlockRangeAndSubnet4_reservationsWhereTheyBelong() throws IOException {
        HostReservation sw = new HostReservation(MacAddress.of("02:00:00:00:07:01"), Ipv4Address.parse("172.20.7.200"),
            List.of("rack2-sw"));
        render(bare(Map.of()), inventory(TWO_SUBNETS), List.of(node("c0", 0, "10.78.0.10", "52:54:00:78:00:10"),
            node("r2n1", 40, "172.20.4.10", "52:54:00:20:04:10"), sw));
        String dhcpd = file("dhcpd.conf");
        String head = dhcpd.substring(dhcpd.indexOf("subnet 10.78.0.0"), dhcpd.indexOf("subnet 172.20.4.0"));
        String rack = dhcpd.substring(dhcpd.indexOf("subnet 172.20.4.0"));
        assertTrue(head.contains("option routers 10.78.0.254;") && head.contains("host c0 ")
            && head.contains("http://10.78.0.1:8088/boot/ipxe") && !head.contains("r2n1"), head);
        assertTrue(rack.contains("subnet 172.20.4.0 netmask 255.255.252.0 {") && rack.contains("option routers 172.20.4.1;")
            && rack.contains("option domain-name-servers 10.78.0.1, 10.78.0.2;") && rack.contains("\"rack2.lab\"")
            && rack.contains("next-server 10.78.0.1;") && rack.contains("http://10.78.0.1:9080/boot/ipxe")
            && rack.contains("host r2n1 ") && rack.contains("fixed-address 172.20.7.200;") && !rack.contains("host c0 "), rack);

        String dnsmasq = file("dnsmasq/pxeflow.conf");
        assertTrue(dnsmasq.contains("dhcp-range=set:pxeflow-172-20-4-0-22,172.20.4.0,static,255.255.252.0,21600"), dnsmasq);
        assertTrue(dnsmasq.contains("dhcp-option=tag:pxeflow-172-20-4-0-22,option:router,172.20.4.1"), dnsmasq);
        assertTrue(dnsmasq.contains("dhcp-boot=tag:pxeflow-172-20-4-0-22,tag:pxeflow-node,tag:ipxe,"
            + "http://10.78.0.1:9080/boot/ipxe?mac=${net0/mac},,10.78.0.1"), dnsmasq);
        assertTrue(dnsmasq.contains("dhcp-option=tag:pxeflow-10-78-0-0-24,option:router,10.78.0.254"), dnsmasq);

        String kea = file("kea-dhcp4.json");
        String keaRack = kea.substring(kea.indexOf("\"subnet\": \"172.20.4.0/22\""));
        assertTrue(keaRack.contains("\"hw-address\": \"52:54:00:20:04:10\", \"ip-address\": \"172.20.4.10\"")
            && keaRack.contains("172.20.7.200") && !keaRack.contains("10.78.0.10\""), keaRack);
        assertTrue(kea.contains("\"boot-file-name\": \"http://10.78.0.1:9080/boot/ipxe?mac=${net0/mac}\""), kea);
        assertEquals("10.78.0.10 c0.head.lab c0", file("hosts").lines().filter(l -> l.contains("c0")).findFirst().orElseThrow());
        assertTrue(file("hosts").contains("172.20.4.10 r2n1.rack2.lab r2n1"), file("hosts"));
    }

    @Test
    void aNodeInNoSubnetIsLeftOutOfTheDhcpFilesAndSaidSo() throws IOException {
        GeneratedTree tree = render(bare(Map.of()), inventory(TWO_SUBNETS),
            List.of(node("c0", 0, "10.78.0.10", "52:54:00:78:00:10"), node("lost", 1, "192.168.9.9", "52:54:00:09:09:09")));
        assertEquals(List.of("lost (192.168.9.9)"), tree.outsideTheNetwork());
        String dhcpd = file("dhcpd.conf");
        assertFalse(dhcpd.contains("host lost "), dhcpd);
        assertTrue(dhcpd.contains("# Not served: node lost 192.168.9.9 lies in no subnet of the inventory."), dhcpd);
        assertTrue(file("dnsmasq/pxeflow.conf").contains("# Not served: node lost"));
        assertFalse(file("kea-dhcp4.json").contains("192.168.9.9"));
    }

    @Test
    void settingsOverrideWhatTheInventorySays() throws IOException {
        render(bare(Map.of("network.dns", "10.78.0.53", "network.domain", "site.lab", "network.router", "172.20.4.254",
                "tftp.server", "10.78.0.2", "boot.ipxe.url", "http://boot.site.lab/ipxe")),
            inventory(TWO_SUBNETS), List.of(node("r2n1", 40, "172.20.4.10", "52:54:00:20:04:10")));
        String dhcpd = file("dhcpd.conf");
        assertTrue(dhcpd.contains("option routers 172.20.4.254;") && dhcpd.contains("option routers 10.78.0.254;"), dhcpd);
        assertFalse(dhcpd.contains("option routers 172.20.4.1;"), dhcpd);
        assertEquals(2, dhcpd.split("next-server 10.78.0.2;", -1).length - 1, dhcpd);
        assertEquals(2, dhcpd.split("option domain-name \"site.lab\";", -1).length - 1, dhcpd);
        assertFalse(dhcpd.contains(":9080"), dhcpd);
        assertTrue(dhcpd.contains("filename \"http://boot.site.lab/ipxe\";"), dhcpd);
    }

    @Test
    void aSettingThatContradictsTheInventoryIsAClearError() {
        ClusterInventory inv = inventory(TWO_SUBNETS);
        NetworkContradiction head = assertThrows(NetworkContradiction.class,
            () -> NetworkPlan.of(inv, bare(Map.of("head.address", "10.54.0.1")), HostInterfaces.NONE));
        assertEquals("head.address 10.54.0.1 (a generator setting) lies in no subnet of the inventory (10.78.0.0/24, "
            + "172.20.4.0/22); remove it, or set the head node's address on the cluster's network", head.getMessage());
        NetworkContradiction subnet = assertThrows(NetworkContradiction.class, () -> NetworkPlan.of(inv,
            bare(Map.of("network.subnet", "10.54.0.0", "network.netmask", "255.255.0.0")), HostInterfaces.NONE));
        assertTrue(subnet.getMessage().startsWith("network.subnet/network.netmask 10.54.0.0/16 (a generator setting) is not "
            + "a subnet of the inventory"), subnet.getMessage());
        NetworkContradiction router = assertThrows(NetworkContradiction.class,
            () -> NetworkPlan.of(inv, bare(Map.of("network.router", "192.168.0.1")), HostInterfaces.NONE));
        assertTrue(router.getMessage().contains("network.router 192.168.0.1"), router.getMessage());
        // A setting that agrees is fine.
        assertEquals(2, NetworkPlan.of(inv, bare(Map.of("head.address", "10.78.0.1", "network.subnet", "172.20.4.0",
            "network.netmask", "255.255.252.0")), HostInterfaces.NONE).subnets().size());
    }

    @Test
    void theInterfaceIsReadAgainOnTheHeadNode_aMovedNetworkIsRefused() {
        HostInterfaces atImport = HostInterfaces.of(Map.of("eth1", List.of(
            new HostInterfaces.Address(Ipv4Address.parse("10.78.0.1"), 24))));
        Inventory inv = ScyldConfigParser.parse("cluster.conf", "interface eth1\niprange 10.78.0.10 10.78.0.17\n", atImport);
        assertEquals(List.of(), NetworkPlan.of(inv.cluster(), bare(Map.of()), atImport).notes());
        HostInterfaces moved = HostInterfaces.of(Map.of("eth1", List.of(
            new HostInterfaces.Address(Ipv4Address.parse("10.79.0.1"), 24))));
        NetworkContradiction e = assertThrows(NetworkContradiction.class,
            () -> NetworkPlan.of(inv.cluster(), bare(Map.of()), moved));
        assertTrue(e.getMessage().startsWith("interface eth1 on this host is on 10.79.0.0/24, but the inventory's network "
            + "10.78.0.0/24 was read from it"), e.getMessage());
        NetworkPlan elsewhere = NetworkPlan.of(inv.cluster(), bare(Map.of()), HostInterfaces.NONE);
        assertEquals("10.78.0.0/24", elsewhere.describe());
        assertTrue(elsewhere.notes().get(0).contains("interface eth1 is not on this host"), elsewhere.notes().toString());
    }

    @Test
    void anInventoryWithoutSubnetsServesTheSettingsNetwork_orNone() throws IOException {
        NetworkPlan legacy = NetworkPlan.of(ClusterInventory.empty(), bare(Map.of("network.subnet", "10.78.0.0",
            "network.netmask", "255.255.255.0", "head.address", "10.78.0.1")), HostInterfaces.NONE);
        assertEquals("10.78.0.0/24", legacy.describe());
        assertEquals(Ipv4Address.parse("10.78.0.1"), legacy.subnets().get(0).nextServer());
        render(bare(Map.of()), ClusterInventory.empty(), List.of(node("c0", 0, "10.78.0.10", "52:54:00:78:00:10")));
        assertTrue(file("dhcpd.conf").contains("# No network: the inventory declares no subnet"), file("dhcpd.conf"));
        assertFalse(file("dhcpd.conf").contains("subnet 10."), file("dhcpd.conf"));
    }

    @Test
    void aNewMasterReachesEveryDisklessNodesFiles() throws IOException {
        NodeBootConfig diskless = Fixtures.node("d1", 1, "10.78.0.11", Fixtures.DISKLESS, BootSequence.PXE, BootStage.PXE,
            1, "52:54:00:78:00:11");
        GeneratedTree tree = render(bare(Map.of()), inventory("master 10.78.0.1\nnetmask 255.255.255.0\n"),
            List.of(diskless));
        String pxelinux = "tftpboot/pxelinux.cfg/01-52-54-00-78-00-11";
        assertTrue(file(pxelinux).contains("NFSROOT=10.78.0.1:"), file(pxelinux));
        tree.network(inventory("master 10.78.0.2\nnetmask 255.255.255.0\n"));
        tree.apply(List.of(), true);
        assertTrue(file(pxelinux).contains("NFSROOT=10.78.0.2:"), file(pxelinux));
        assertTrue(file("dhcpd.conf").contains("next-server 10.78.0.2;"), file("dhcpd.conf"));
    }
}
