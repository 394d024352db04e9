package io.pxeflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Network;
import io.pxeflow.protocol.message.Subnet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inventory owns the cluster's networks: the master's (ClusterWare's {@code interface} or
 * {@code netmask}) and further {@code subnet}s. Networks unlike the example's on purpose.
 */
class ScyldConfigNetworkTest {
    private static final HostInterfaces HEAD = HostInterfaces.of(Map.of(
        "eth1", List.of(new HostInterfaces.Address(Ipv4Address.parse("10.78.0.1"), 24)),
        "eth2", List.of(),
        "bond0", List.of(new HostInterfaces.Address(Ipv4Address.parse("192.168.40.5"), 22),
            new HostInterfaces.Address(Ipv4Address.parse("10.78.0.1"), 24))));

    private static List<Problem> problems(String text) {
        return assertThrows(InventoryException.class, () -> ScyldConfigParser.parse("cluster.conf", text, HEAD)).problems();
    }

    private static void onlyProblem(String text, int line, String words) {
        List<Problem> problems = problems(text);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(line, problems.get(0).line(), problems.toString());
        assertTrue(problems.get(0).reason().contains(words), () -> problems.get(0).reason() + " lacks " + words);
    }

    private static Inventory parse(String text) {
        return ScyldConfigParser.parse("cluster.conf", text, HEAD);
    }

    @Test
    void masterAndIprangeWithoutANetworkIsAnErrorAtTheMastersLine_notTheExamplesNetwork() {
        onlyProblem("# my cluster\nmaster 10.78.0.1\niprange 10.78.0.10 10.78.0.17\nnode 0 52:54:00:00:00:01\n", 2,
            "network is not declared");
        onlyProblem("node 0 ip=10.78.0.9 52:54:00:00:00:01\n", 1, "network is not declared");
    }

    @Test
    void aFileWithoutAnyAddressNeedsNoNetwork() {
        assertEquals(List.of(), parse("node 0 52:54:00:00:00:01\n").cluster().subnets());
    }

    @Test
    void theMastersNetmaskDeclaresItsNetwork() {
        Inventory inv = parse("master 10.78.0.1\nnetmask 255.255.255.0\niprange 10.78.0.10 10.78.0.17\n");
        assertEquals(List.of(Subnet.of(Ipv4Network.parse("10.78.0.0/24"))), inv.cluster().subnets());
    }

    @Test
    void theInterfaceGivesTheNetworkAndTheMaster_asClusterWareReadsIt() {
        Inventory inv = parse("interface eth1\niprange 10.78.0.10 10.78.0.17\nnode 0 52:54:00:00:00:01\n");
        assertEquals(Ipv4Address.parse("10.78.0.1"), inv.cluster().master());
        assertEquals(List.of(Subnet.of(Ipv4Network.parse("10.78.0.0/24")).withIface("eth1")), inv.cluster().subnets());
        assertEquals(Ipv4Address.parse("10.78.0.10"), inv.nodes().get(0).spec().ip());
        Inventory onBond = parse("master 10.78.0.1\ninterface bond0\n");
        assertEquals(Ipv4Network.parse("10.78.0.0/24"), onBond.cluster().subnets().get(0).network());
    }

    @Test
    void anInterfaceThisHostLacksIsRefused_notGuessed() {
        onlyProblem("nodes 8\ninterface eth9\niprange 10.78.0.10 10.78.0.17\n", 2, "this host has no interface eth9");
        onlyProblem("interface eth2\n", 1, "no IPv4 address");
        onlyProblem("master 10.78.0.2\ninterface eth1\n", 1, "not an address of interface eth1");
        assertTrue(assertThrows(InventoryException.class, () -> ScyldConfigParser.parse("f", "interface eth1\n"))
            .getMessage().contains("where the import is checked"));
    }

    @Test
    void netmaskNeedsTheMaster_andMustAgreeWithTheInterface() {
        onlyProblem("netmask 255.255.255.0\nsubnet 10.78.0.0/24\n", 1, "needs `master`");
        onlyProblem("interface eth1\nnetmask 255.255.0.0\n", 2, "is on 10.78.0.0/24");
        onlyProblem("master 10.78.0.1\nnetmask 255.0.255.0\n", 2, "not a contiguous netmask");
        assertEquals(1, parse("interface eth1\nnetmask 255.255.255.0\n").cluster().subnets().size());
    }

    @Test
    void twoSubnets_aRackBehindARelayWithItsOwnRouterNextServerAndIpxe() {
        Inventory inv = parse("""
            master 10.78.0.1
            netmask 255.255.255.0
            subnet 10.78.0.0/24 router 10.78.0.254 dns 10.78.0.1 domain head.cluster
            subnet 172.20.4.0/22 router 172.20.4.1 next-server 10.78.0.1
            subnet 172.20.4.0/22 dns 10.78.0.1,10.78.0.2 domain rack2.cluster ipxe 10.78.0.1:9080
            iprange 10.78.0.10 10.78.0.17
            hostrange 172.20.7.200 172.20.7.220
            host 02:00:00:00:07:01 rack2-switch
            node 0 52:54:00:00:00:01
            node 8 ip=172.20.4.10 52:54:00:00:00:09
            """);
        List<Subnet> subnets = inv.cluster().subnets();
        assertEquals(2, subnets.size());
        Subnet head = subnets.get(0);
        Subnet rack = subnets.get(1);
        assertEquals("10.78.0.0/24", head.network().toString());
        assertEquals(Ipv4Address.parse("10.78.0.254"), head.router());
        assertNull(head.nextServer());
        assertEquals("172.20.4.0/22", rack.network().toString());
        assertEquals(Ipv4Address.parse("172.20.4.1"), rack.router());
        assertEquals(Ipv4Address.parse("10.78.0.1"), rack.nextServer());
        assertEquals(List.of(Ipv4Address.parse("10.78.0.1"), Ipv4Address.parse("10.78.0.2")), rack.dns());
        assertEquals("rack2.cluster", rack.domain());
        assertEquals("http://10.78.0.1:9080/boot/ipxe?mac=${net0/mac}", rack.ipxeUrl(8080));
        assertEquals(Ipv4Address.parse("172.20.7.200"), inv.cluster().hosts().get(0).ip());
        assertEquals(Ipv4Address.parse("172.20.4.10"), inv.node("node8").orElseThrow().spec().ip());

        String written = ScyldConfigWriter.write(inv);
        assertTrue(written.contains("subnet 172.20.4.0/22 router 172.20.4.1 next-server 10.78.0.1 dns 10.78.0.1,10.78.0.2 "
            + "domain rack2.cluster ipxe 10.78.0.1:9080\n"), written);
        assertEquals(inv.withoutWarnings(), ScyldConfigParser.parse("export", written));
    }

    @Test
    void everyAddressOutsideTheDeclaredSubnetsIsRefusedWithItsLine_theWholeFile() {
        List<Problem> p = problems("""
            master 10.78.0.1
            netmask 255.255.255.0
            subnet 172.20.4.0/22 next-server 10.78.0.1
            iprange 10.78.0.200 10.78.1.10
            hostrange 10.79.0.1 10.79.0.9
            host 02:00:00:00:07:01 10.79.0.2 sw
            node 0 ip=192.168.1.5 52:54:00:00:00:01
            node 1 ip=172.20.8.5 52:54:00:00:00:02
            """);
        assertEquals(List.of(4, 5, 7, 8), p.stream().map(Problem::line).toList(), p.toString());
        assertTrue(p.get(0).reason().contains("iprange 10.78.0.200 10.78.1.10 is not inside one declared subnet "
            + "(10.78.0.0/24, 172.20.4.0/22)"), p.toString());
        assertTrue(p.get(2).reason().contains("node 0: ip=192.168.1.5 lies in no declared subnet"), p.toString());
        onlyProblem("subnet 10.78.0.0/24 next-server 10.78.0.1\nhost 02:00:00:00:07:01 10.79.0.2 sw\n", 2,
            "lies in no declared subnet");
        onlyProblem("subnet 10.78.0.0/24\nmaster 10.79.0.1\n", 2, "master 10.79.0.1 lies in no declared subnet");
        onlyProblem("master 10.78.0.1\nnetmask 255.255.255.0\niprange 10.78.0.200 10.78.0.255\n", 3, "broadcast address");
    }

    @Test
    void badSubnetDeclarationsNameTheirLine() {
        onlyProblem("# x\nsubnet 10.78.0.1/24\n", 2, "host bits set (the network is 10.78.0.0/24)");
        onlyProblem("subnet 10.78.0.0/24\nsubnet 10.78.0.0/24 router 10.78.1.1\n", 2, "router 10.78.1.1 is not a host address");
        onlyProblem("subnet 10.78.0.0/24\nsubnet 10.78.0.0/23\n", 2, "overlaps subnet 10.78.0.0/24 (line 1)");
        onlyProblem("subnet 10.78.0.0/24 router 10.78.0.254\nsubnet 10.78.0.0/24 router 10.78.0.253\n", 2,
            "already set on line 1");
        onlyProblem("subnet 10.78.0.0/24 gateway 10.78.0.254\n", 1, "unknown setting \"gateway\"");
        onlyProblem("subnet 10.78.0.0/24 router\n", 1, "KEY VALUE pairs");
        onlyProblem("subnet 10.78.0.0/24 dns 10.78.0.1,,10.78.0.2\n", 1, "IPv4");
        onlyProblem("subnet 10.78.0.0/24 ipxe ftp://x\n", 1, "ipxe");
        onlyProblem("subnet 10.78.0.0/24 domain -x\n", 1, "domain");
        onlyProblem("subnet 10.78.0.0/31\n", 1, "prefix length");
        onlyProblem("subnet 10.78.0.0/24\nnode 0 ip=10.78.0.9 52:54:00:00:00:01\n", 1, "no next-server");
    }

    @Test
    void theDiffListsSubnetsOncePerNetwork() {
        Inventory before = parse("master 10.78.0.1\nnetmask 255.255.255.0\n");
        Inventory after = parse("master 10.78.0.1\nnetmask 255.255.255.0\nsubnet 10.78.0.0/24 router 10.78.0.254\n"
            + "subnet 172.20.4.0/22 router 172.20.4.1\n");
        assertEquals("""
            ~ subnet 10.78.0.0/24: router (unset) -> 10.78.0.254
            + subnet 172.20.4.0/22 router=172.20.4.1
            """, InventoryDiff.between(before, after).render());
    }
}
