package io.pxeflow.bridge.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pxeflow.bridge.path.TftpPathResolver;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real tftpd-hpa 5.2 lines (in.tftpd -v -v -v) through busybox syslogd; see resources/lines/README.md. */
class TftpdHpaParserTest {
    private TftpdHpaParser parser() {
        return new TftpdHpaParser("head1", new TftpPathResolver(List.of("/srv/tftp")), Captured.CLOCK, ZoneOffset.UTC,
            Duration.ofSeconds(2));
    }

    @Test
    void requestsAreSentUnlessTheSameChildRefusesThemAndComeOutInOrder() {
        TftpdHpaParser p = parser();
        List<ParseResult> results = Captured.parseAll(p, Captured.lines("tftpd-hpa-5.2/busybox-syslogd-S.txt"),
            Captured.CLOCK.instant().plusSeconds(3));
        assertEquals(List.of(), Captured.unparseable(results));
        List<PxeEvent> pxe = Captured.pxe(results);
        assertEquals(List.of("pxelinux.0", "pxelinux.cfg/01-52-54-00-12-34-56", "pxelinux.cfg/0A630096", "nothere.efi",
            "grub/grub.cfg-01-52-54-00-12-34-56"), pxe.stream().map(PxeEvent::path).toList());
        assertEquals(List.of(PxeOutcome.SENT, PxeOutcome.SENT, PxeOutcome.SENT, PxeOutcome.NOT_FOUND, PxeOutcome.SENT),
            pxe.stream().map(PxeEvent::outcome).toList());
        assertEquals(MacAddress.of("52:54:00:12:34:56"), pxe.get(1).mac());
        assertEquals(Ipv4Address.parse("10.99.0.150"), pxe.get(2).clientIp());
        assertEquals(Instant.parse("2026-11-23T09:18:33Z"), pxe.get(0).time());
        assertEquals(0, p.pending());
    }

    @Test
    void aRequestIsHeldUntilItsWindowPasses() {
        TftpdHpaParser p = parser();
        List<String> lines = Captured.lines("tftpd-hpa-5.2/busybox-syslogd-full.txt");
        assertInstanceOf(ParseResult.Ignored.class, p.parse(lines.get(0)));
        assertEquals(List.of(), p.expire(Captured.CLOCK.instant().plusSeconds(1)));
        List<ParseResult> later = p.expire(Captured.CLOCK.instant().plusSeconds(2));
        PxeEvent e = assertInstanceOf(ParseResult.Pxe.class, later.get(0)).event();
        assertEquals(MacAddress.of("52:54:00:12:34:56"), e.mac(), "ipxe/<mac>.ipxe names the node");
        assertEquals(Ipv4Address.parse("10.99.0.101"), e.clientIp());
    }

    @Test
    void nakWithoutItsRequestStillReportsTheClientAndRemapIsFollowed() {
        TftpdHpaParser p = parser();
        PxeEvent e = assertInstanceOf(ParseResult.Pxe.class,
            p.parse("Nov 23 09:18:33 in.tftpd[1]: sending NAK (1, File not found) to 10.99.0.150")).event();
        assertEquals(PxeOutcome.NOT_FOUND, e.outcome());
        assertNull(e.path());
        // Documented format of a remapped request (tftpd-hpa -m).
        p.parse("Nov 23 09:18:33 in.tftpd[2]: RRQ from ::ffff:10.99.0.150 filename /pxelinux.0 remapped to bios/pxelinux.0");
        PxeEvent r = assertInstanceOf(ParseResult.Pxe.class, p.expire(Captured.CLOCK.instant().plusSeconds(5)).get(0)).event();
        assertEquals("bios/pxelinux.0", r.path());
        assertEquals(Ipv4Address.parse("10.99.0.150"), r.clientIp());
    }
}
