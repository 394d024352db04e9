package io.pxeflow.bridge.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real ISC dhcpd 4.4.3-P1 lines through busybox syslogd; see resources/lines/README.md. */
class DhcpdSyslogParserTest {
    private final DhcpdSyslogParser parser = new DhcpdSyslogParser("head1", Captured.CLOCK, ZoneOffset.UTC);

    @Test
    void fixedAddressExchangeWithoutHostNameInParentheses() {
        List<ParseResult> results = Captured.parseAll(parser, Captured.lines("isc-dhcpd-4.4.3/busybox-syslogd-S.txt"),
            Captured.CLOCK.instant());
        assertEquals(List.of(), Captured.unparseable(results));
        List<DhcpEvent> dhcp = Captured.dhcp(results);
        assertEquals(List.of(DhcpMessageType.DISCOVER, DhcpMessageType.OFFER, DhcpMessageType.REQUEST, DhcpMessageType.ACK),
            dhcp.subList(0, 4).stream().map(DhcpEvent::type).toList());
        DhcpEvent ack = dhcp.get(3);
        assertEquals(MacAddress.of("52:54:00:12:34:56"), ack.mac());
        assertEquals(Ipv4Address.parse("10.99.0.150"), ack.ip());
        assertEquals("vpxs", ack.iface());
        assertNull(ack.hostname());
        assertEquals(16, dhcp.size(), "every DHCP line of the capture");
    }

    @Test
    void busyboxFullFormatWithHostFacilityAndClientNameAndRelease() {
        List<ParseResult> results = Captured.parseAll(parser, Captured.lines("isc-dhcpd-4.4.3/busybox-syslogd-full.txt"),
            Captured.CLOCK.instant());
        assertEquals(List.of(), Captured.unparseable(results));
        List<DhcpEvent> dhcp = Captured.dhcp(results);
        DhcpEvent offer = dhcp.stream().filter(e -> e.type() == DhcpMessageType.OFFER).findFirst().orElseThrow();
        assertEquals("spare02", offer.hostname());
        assertEquals(Ipv4Address.parse("10.99.0.102"), offer.ip());
        DhcpEvent release = dhcp.get(dhcp.size() - 1);
        assertEquals(DhcpMessageType.RELEASE, release.type());
        assertEquals(MacAddress.of("52:54:00:ab:cd:02"), release.mac());
        assertEquals("vpxs", release.iface(), "the trailing (found) is not part of the interface");
    }

    @Test
    void documentedShapesRelayNoFreeLeasesNakInform() {
        // Documented dhcpd 4.4 formats (not produced in the capture): relayed, pool exhausted, NAK, INFORM.
        DhcpEvent relayed = assertInstanceOf(ParseResult.Dhcp.class, parser.parse(
            "Nov 23 09:18:32 head1 dhcpd[9103]: DHCPREQUEST for 10.8.136.15 from 00:a0:d1:e5:c4:6e (node15) via 10.8.0.1"))
            .event();
        assertEquals("10.8.0.1", relayed.iface());
        assertEquals("node15", relayed.hostname());
        DhcpEvent exhausted = assertInstanceOf(ParseResult.Dhcp.class, parser.parse(
            "Nov 23 09:18:32 head1 dhcpd[9103]: DHCPDISCOVER from 00:a0:d1:e5:c4:6e via eth1: network 10.8.136.0/24: no free leases"))
            .event();
        assertEquals("eth1", exhausted.iface());
        assertEquals(DhcpMessageType.NAK, assertInstanceOf(ParseResult.Dhcp.class, parser.parse(
            "dhcpd[9103]: DHCPNAK on 10.8.136.99 to 00:a0:d1:e5:c4:6e via eth1")).event().type());
        assertInstanceOf(ParseResult.Ignored.class, parser.parse("dhcpd[9103]: DHCPINFORM from 10.8.136.15 via eth1"));
        ParseResult garbled = parser.parse("dhcpd[9103]: DHCPACK on 10.8.136.15 to zz:zz via eth1");
        assertEquals("dhcpd-dhcpack", assertInstanceOf(ParseResult.Unparseable.class, garbled).kind());
    }
}
