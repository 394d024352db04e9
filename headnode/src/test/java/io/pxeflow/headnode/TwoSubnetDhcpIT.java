package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxeflow.bridge.BridgeDaemon;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.testkit.netns.Daemon;
import io.pxeflow.testkit.netns.DhcpRelay;
import io.pxeflow.testkit.netns.Dhclient;
import io.pxeflow.testkit.netns.DnsmasqServer;
import io.pxeflow.testkit.netns.IscDhcpServer;
import io.pxeflow.testkit.netns.KeaServer;
import io.pxeflow.testkit.netns.Netns;
import io.pxeflow.testkit.netns.NetnsLab;
import io.pxeflow.testkit.netns.PxeClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15's network, served by the real daemons on pxeflow's generated files: a cluster on
 * 10.78.0.0/24 (not the example's network) and a rack on 172.20.4.0/22 behind a real DHCP relay
 * (ISC dhcrelay), each with its own router, domain and iPXE URL. For dnsmasq, ISC dhcpd and Kea
 * in turn: a busybox udhcpc client on the head node's network and, through the relay, dhclient
 * and udhcpc on the rack's get the inventory's addresses and options; a real bridge follows the
 * server's own log and the controller sees both nodes' DHCP. Network namespaces, as root (CI);
 * skipped with the reason elsewhere (PXEFLOW_REQUIRE_NETNS=1 makes that a failure).
 *
 * <pre>
 *   cla ── br0 10.78.0.1 (srv: the DHCP server) ── 10.78.0.254 rly 172.20.4.1 ── clb
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoSubnetDhcpIT {
    private static final String HEAD = "10.78.0.1";
    private static final String RELAY = "172.20.4.1";
    private static final Duration DHCP = Duration.ofSeconds(25);
    /** One node on each network per server, so each server's log is what the controller saw. */
    private static final String INVENTORY = """
        nodes 64
        nodename cn%N
        master 10.78.0.1
        netmask 255.255.255.0
        subnet 10.78.0.0/24 router 10.78.0.1 dns 10.78.0.1 domain head.lab
        subnet 172.20.4.0/22 router 172.20.4.1 next-server 10.78.0.1 dns 10.78.0.1 domain rack2.lab ipxe 10.78.0.1:9080
        iprange 10.78.0.10 10.78.0.17
        class inst kernelimage boot/vmlinuz-inst
        class inst initrdimage boot/initrd-inst.img
        class inst kernelcommandline console=ttyS0
        node 0 inst pxe+local pxe 52:54:00:78:00:10
        node 1 inst pxe+local pxe 52:54:00:78:00:11
        node 2 inst pxe+local pxe 52:54:00:78:00:12
        node 40 inst pxe+local pxe ip=172.20.4.40 52:54:00:20:04:40
        node 41 inst pxe+local pxe ip=172.20.4.41 52:54:00:20:04:41
        node 42 inst pxe+local pxe ip=172.20.4.42 52:54:00:20:04:42
        """;

    @TempDir
    static Path dir;
    private NetnsLab lab;
    private HeadNodeFixture head;
    private DhcpRelay relay;
    private Netns server;
    private Netns headClient;
    private Netns rackClient;

    @BeforeAll
    void twoNetworksARelayAndAHeadNode() throws Exception {
        lab = NetnsLab.create();
        server = lab.namespace("srv", "br0");
        lab.bridge(server, "br0", HEAD + "/24");
        headClient = lab.namespace("cla", "eth0");
        lab.linkToBridge(server, "br0", "p-cla", headClient, "eth0", null, null);
        Netns relayNs = lab.namespace("rly", "eth0");
        lab.linkToBridge(server, "br0", "p-rly", relayNs, "eth0", "10.78.0.254/24", null);
        rackClient = lab.namespace("clb", "eth0");
        lab.link(relayNs, "eth1", RELAY + "/22", null, rackClient, "eth0", null, null);
        lab.forwarding(relayNs);
        lab.route(server, "172.20.4.0/22", "10.78.0.254");
        relay = DhcpRelay.start(relayNs, dir.resolve("relay"), HEAD, "eth1", "eth0");

        head = HeadNodeFixture.start(dir.resolve("data"), 0, Map.of());
        head.importInventory(INVENTORY);
        Path dhcpd = head.generated().resolve("dhcpd.conf");
        head.await("the generator wrote both subnets", () -> HeadNodeFixture.fileContains(dhcpd, "host cn42 ")
            && HeadNodeFixture.fileContains(head.generated().resolve("kea-dhcp4.json"), "172.20.4.42")
            && Files.exists(head.generated().resolve("dnsmasq/hosts.d/cn42")));
    }

    @AfterAll
    void stop() {
        if (relay != null) {
            relay.close();
        }
        if (head != null) {
            head.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void dnsmasq() throws Exception {
        Path work = dir.resolve("dnsmasq");
        try (DnsmasqServer d = DnsmasqServer.start(server, work, head.generated().resolve("dnsmasq/pxeflow.conf"), "--log-dhcp")) {
            servesBothNetworks(d, "dnsmasq-log", 0, 40);
        }
    }

    @Test
    void iscDhcpd() throws Exception {
        try (IscDhcpServer d = IscDhcpServer.start(server, dir.resolve("dhcpd"), head.generated().resolve("dhcpd.conf"), "br0")) {
            servesBothNetworks(d, "dhcpd-log", 1, 41);
        }
    }

    @Test
    void kea() throws Exception {
        try (KeaServer d = KeaServer.start(server, dir.resolve("kea"), head.generated().resolve("kea-dhcp4.json"))) {
            servesBothNetworks(d, "kea-log", 2, 42);
        }
    }

    @Test
    void aBadNetworkDeclarationIsRefusedWithItsLine_andChangesNothing() throws Exception {
        String exported = head.export();
        String dhcpd = Files.readString(head.generated().resolve("dhcpd.conf"));
        // The file: master and iprange, the network not declared.
        HttpResponse<String> r = head.post("/api/v1/inventory?file=bad.conf", INVENTORY.lines()
            .filter(l -> !l.startsWith("netmask") && !l.startsWith("subnet")).reduce("", (a, l) -> a + l + "\n"));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(problem(r, 3).startsWith("the cluster's network is not declared"), r.body());
        r = head.post("/api/v1/inventory?file=bad.conf", INVENTORY.replace("ip=172.20.4.42", "ip=172.20.9.42"));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("node 42: ip=172.20.9.42 lies in no declared subnet (10.78.0.0/24, 172.20.4.0/22)", problem(r, 16),
            r.body());
        assertEquals(exported, head.export(), "the inventory is unchanged");
        assertEquals(dhcpd, Files.readString(head.generated().resolve("dhcpd.conf")), "the DHCP files are unchanged");
    }

    /** The reason of the problem the refused import names at {@code line} of bad.conf. */
    private static String problem(HttpResponse<String> r, int line) throws Exception {
        for (JsonNode p : Json.mapper().readTree(r.body()).path("error").path("problems")) {
            if ("bad.conf".equals(p.path("file").asText()) && p.path("line").asInt() == line) {
                return p.path("reason").asText();
            }
        }
        throw new AssertionError("no problem at bad.conf:" + line + ": " + r.body());
    }

    private void servesBothNetworks(Daemon daemon, String logKey, int headNode, int rackNode) throws Exception {
        String headMac = String.format("52:54:00:78:00:%02d", 10 + headNode);
        String rackMac = String.format("52:54:00:20:04:%02d", rackNode);
        reset(headClient, headMac);
        reset(rackClient, rackMac);
        String ipxePath = "/boot/ipxe?mac=${net0/mac}";
        try (BridgeDaemon bridge = head.bridge(dir.resolve("spool-" + logKey), logKey, daemon.log())) {
            // The head node's network: a PXE ROM gets pxelinux from the head, iPXE the live endpoint.
            PxeClient pxe = new PxeClient(headClient, dir.resolve("cla-" + logKey));
            PxeClient.Lease a = pxe.dhcp(DHCP);
            String log = "\n--- server log:\n" + daemon.logText();
            assertEquals("10.78.0." + (10 + headNode), a.ip(), a.output() + log);
            assertEquals("24", a.prefix(), a.output());
            assertEquals(HEAD, a.router(), a.output());
            assertEquals("head.lab", a.domain(), a.output());
            assertEquals(HEAD, a.nextServer(), a.output());
            assertEquals("pxelinux.0", a.bootFile(), a.output());
            assertEquals("cn" + headNode, a.hostname(), a.output());
            PxeClient.Lease ai = pxe.dhcp(DHCP, true);
            assertEquals("http://" + HEAD + ":" + head.bootPort() + ipxePath, ai.bootFile(), ai.output() + log);

            // The rack behind the relay: its own address, router, domain, next-server and iPXE URL.
            Dhclient.Lease b = Dhclient.lease(rackClient, dir.resolve("clb-" + logKey), DHCP);
            assertEquals("172.20.4." + rackNode, b.get("ip_address"), b.values() + b.output() + "\n" + relay.logText() + log);
            assertEquals("255.255.252.0", b.get("subnet_mask"), b.values().toString());
            assertEquals(RELAY, b.get("routers"), b.values().toString());
            assertEquals("rack2.lab", b.get("domain_name"), b.values().toString());
            PxeClient rackPxe = new PxeClient(rackClient, dir.resolve("clb-pxe-" + logKey));
            PxeClient.Lease bp = rackPxe.dhcp(DHCP);
            assertEquals("172.20.4." + rackNode, bp.ip(), bp.output());
            assertEquals(HEAD, bp.nextServer(), "the rack boots from the head node: " + bp.output());
            assertEquals("pxelinux.0", bp.bootFile(), bp.output());
            assertEquals("http://" + HEAD + ":9080" + ipxePath, rackPxe.dhcp(DHCP, true).bootFile(), "the rack's own iPXE URL");

            // The bridge read those answers from the server's own log; the controller saw them.
            head.awaitNode("cn" + headNode, "its DHCP seen through the " + logKey, n -> HeadNodeFixture.entered(n, "dhcp"));
            head.awaitNode("cn" + rackNode, "its relayed DHCP seen through the " + logKey, n -> HeadNodeFixture.entered(n, "dhcp"));
            assertTrue(bridge.metrics().produced() >= 2, "events produced from " + daemon.log());
        }
    }

    private static void reset(Netns ns, String mac) {
        ns.exec(Duration.ofSeconds(5), "ip", "addr", "flush", "dev", "eth0").orFail();
        ns.exec(Duration.ofSeconds(5), "ip", "link", "set", "eth0", "address", mac).orFail();
    }
}
