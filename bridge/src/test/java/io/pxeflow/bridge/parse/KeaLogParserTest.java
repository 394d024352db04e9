package io.pxeflow.bridge.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real Kea 2.2.0 kea-dhcp4 log lines (file output); see resources/lines/README.md. */
class KeaLogParserTest {
    @Test
    void advertAllocAndReleaseBecomeOfferAckRelease() {
        KeaLogParser p = new KeaLogParser("head1", Captured.CLOCK, ZoneOffset.UTC);
        List<ParseResult> results = Captured.parseAll(p, Captured.lines("kea-2.2.0/kea-dhcp4.txt"), Captured.CLOCK.instant());
        assertEquals(List.of(), Captured.unparseable(results));
        List<DhcpEvent> dhcp = Captured.dhcp(results);
        assertEquals(List.of(DhcpMessageType.OFFER, DhcpMessageType.ACK, DhcpMessageType.OFFER, DhcpMessageType.ACK,
            DhcpMessageType.RELEASE), dhcp.stream().map(DhcpEvent::type).toList());
        assertEquals(MacAddress.of("52:54:00:12:34:56"), dhcp.get(1).mac());
        assertEquals(Ipv4Address.parse("10.99.0.150"), dhcp.get(1).ip());
        assertEquals(Instant.parse("2026-11-23T09:19:30.724Z"), dhcp.get(1).time());
    }
}
