package io.pxeflow.bridge.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.bridge.path.TftpPathResolver;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real dnsmasq 2.90 lines (--log-dhcp), captured on a veth pair; see resources/lines/README.md. */
class DnsmasqLogParserTest {
    private static final MacAddress NODE15 = MacAddress.of("52:54:00:12:34:56");

    private DnsmasqLogParser parser() {
        return new DnsmasqLogParser("head1", new TftpPathResolver(List.of("/tmp/pxecap/tftp")), Captured.CLOCK,
            ZoneOffset.UTC);
    }

    @Test
    void pxeExchangeCarriesVendorAndUserClassFromEarlierLinesOfTheSameTransaction() {
        List<ParseResult> results = Captured.parseAll(parser(), Captured.lines("dnsmasq-2.90/log-facility-stderr.txt"),
            Captured.CLOCK.instant());
        assertEquals(List.of(), Captured.unparseable(results));
        List<DhcpEvent> dhcp = Captured.dhcp(results);
        DhcpEvent discover = dhcp.get(0);
        assertEquals(DhcpMessageType.DISCOVER, discover.type());
        assertEquals(NODE15, discover.mac());
        assertNull(discover.ip());
        assertEquals("PXEClient:Arch:00000:UNDI:002001", discover.vendorClass());
        assertEquals("iPXE", discover.userClass());
        assertEquals(0, discover.arch());
        assertEquals("vpxs", discover.iface());
        assertEquals("node15", discover.hostname(), "the client-supplied name");
        assertEquals("head1", discover.server());
        assertEquals(Instant.parse("2026-11-23T09:17:22Z"), discover.time());

        assertEquals(List.of(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, DhcpMessageType.REQUEST, DhcpMessageType.ACK),
            dhcp.subList(0, 4).stream().map(DhcpEvent::type).toList());
        DhcpEvent ack = dhcp.get(3);
        assertEquals(Ipv4Address.parse("10.99.0.150"), ack.ip());
        assertEquals("node15", ack.hostname());
        assertEquals("iPXE", ack.userClass());

        // The second boot of the same node is an EFI x86-64 ROM (arch 7) without user class.
        DhcpEvent efi = dhcp.stream().filter(e -> Integer.valueOf(7).equals(e.arch())).findFirst().orElseThrow();
        assertEquals("PXEClient:Arch:00007:UNDI:003016", efi.vendorClass());
        assertNull(efi.userClass());

        DhcpEvent dynamic = dhcp.stream().filter(e -> e.mac().equals(MacAddress.of("52:54:00:ab:cd:ef"))
            && e.type() == DhcpMessageType.ACK).findFirst().orElseThrow();
        assertEquals(Ipv4Address.parse("10.99.0.195"), dynamic.ip());
        assertEquals("udhcp 1.35.0", dynamic.vendorClass());
        assertNull(dynamic.arch());
        assertNull(dynamic.hostname());
    }

    @Test
    void tftpLinesBecomePxeEventsMappedBackToTheNode() {
        List<PxeEvent> pxe = Captured.pxe(Captured.parseAll(parser(),
            Captured.lines("dnsmasq-2.90/log-facility-stderr.txt"), Captured.CLOCK.instant()));
        assertEquals(9, pxe.size());
        PxeEvent loader = pxe.get(0);
        assertEquals("pxelinux.0", loader.path());
        assertEquals(PxeOutcome.SENT, loader.outcome());
        assertEquals(Ipv4Address.parse("10.99.0.150"), loader.clientIp());
        assertNull(loader.mac());
        PxeEvent byMac = pxe.get(1);
        assertEquals("pxelinux.cfg/01-52-54-00-12-34-56", byMac.path());
        assertEquals(NODE15, byMac.mac());
        assertEquals("pxelinux.cfg/0A630096", pxe.get(2).path());
        assertEquals(NODE15, pxe.get(3).mac(), "ipxe/<mac>.ipxe");
        assertEquals(NODE15, pxe.get(4).mac(), "grub/grub.cfg-01-<mac>");
        PxeEvent missing = pxe.get(6);
        assertEquals(PxeOutcome.NOT_FOUND, missing.outcome());
        assertEquals("pxelinux.cfg/default", missing.path());
        assertEquals(Ipv4Address.parse("10.99.0.150"), missing.clientIp());
    }

    @Test
    void logFacilityFileFormatReadsTheSame() {
        List<ParseResult> results = Captured.parseAll(parser(), Captured.lines("dnsmasq-2.90/log-facility-file.txt"),
            Captured.CLOCK.instant());
        assertEquals(List.of(), Captured.unparseable(results));
        assertTrue(Captured.dhcp(results).stream().anyMatch(e -> e.type() == DhcpMessageType.DISCOVER
            && Ipv4Address.parse("10.99.0.150").equals(e.ip())), "DISCOVER with a requested address");
        assertEquals(2, Captured.pxe(results).size());
    }

    @Test
    void syslogFormatWithHostAndLinesWithoutLogDhcpParse() {
        // Documented format (same log_packet text via syslog, and without --log-dhcp: no xid).
        DnsmasqLogParser p = parser();
        ParseResult r = p.parse("Nov 23 09:17:22 head1 dnsmasq-dhcp[8195]: DHCPACK(eth0) 10.8.136.15 00:a0:d1:e5:c4:6e node15");
        DhcpEvent e = assertInstanceOf(ParseResult.Dhcp.class, r).event();
        assertEquals("eth0", e.iface());
        assertEquals("node15", e.hostname());
        ParseResult nak = p.parse("dnsmasq-dhcp[8195]: DHCPNAK(eth0) 10.8.136.99 00:a0:d1:e5:c4:6e wrong address");
        DhcpEvent n = assertInstanceOf(ParseResult.Dhcp.class, nak).event();
        assertEquals(DhcpMessageType.NAK, n.type());
        assertNull(n.hostname(), "the NAK reason is not a host name");
    }

    @Test
    void otherProgramsAndDnsLinesAreIgnoredAndBrokenDhcpLinesAreUnparseable() {
        DnsmasqLogParser p = parser();
        assertInstanceOf(ParseResult.Ignored.class, p.parse("Nov 23 09:17:22 head1 sshd[77]: Accepted publickey for root"));
        assertInstanceOf(ParseResult.Ignored.class, p.parse("Nov 23 09:17:22 dnsmasq[8195]: query[A] example.com from 10.0.0.5"));
        ParseResult bad = p.parse("Nov 23 09:17:22 dnsmasq-dhcp[8195]: 123 DHCPACK(eth0) 10.0.0.5 not-a-mac");
        assertEquals("dnsmasq-ack-hwaddr", assertInstanceOf(ParseResult.Unparseable.class, bad).kind());
    }

    @Test
    void correlationWindowIsBounded() {
        DnsmasqLogParser p = parser();
        p.parse("dnsmasq-dhcp[1]: 1 vendor class: PXEClient:Arch:00007:UNDI:003016");
        for (int i = 2; i < DnsmasqLogParser.WINDOW + 10; i++) {
            p.parse("dnsmasq-dhcp[1]: " + i + " vendor class: other");
        }
        DhcpEvent e = assertInstanceOf(ParseResult.Dhcp.class,
            p.parse("dnsmasq-dhcp[1]: 1 DHCPDISCOVER(eth0) 52:54:00:12:34:56 ")).event();
        assertNull(e.vendorClass(), "the oldest transaction was forgotten");
    }
}
