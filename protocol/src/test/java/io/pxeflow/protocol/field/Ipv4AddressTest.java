package io.pxeflow.protocol.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4AddressTest {

    @ParameterizedTest
    @CsvSource({"10.8.136.1,0A088801", "0.0.0.0,00000000", "255.255.255.255,FFFFFFFF", "192.168.1.10,C0A8010A"})
    void hexIsWhatPxelinuxLooksUp(String ip, String hex) {
        Ipv4Address a = Ipv4Address.parse(ip);
        assertEquals(hex, a.hex());
        assertEquals(ip, a.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.8.136", "10.8.136.1.5", "10.8.136.256", "010.8.136.1", "10.08.136.1", "10.8.136.-1",
        "10.8.136.1a", "a.b.c.d", "10..136.1", "10.8\n.136.1", "1e1.8.136.1", "+10.8.136.1", "10.8.136.1000"})
    void strictParsing(String text) {
        assertThrows(InvalidFieldException.class, () -> Ipv4Address.parse(text));
        assertFalse(Ipv4Address.isValid(text));
    }

    /** Blanks around the address are dropped; a newline is refused rather than silently cut. */
    @Test
    void surroundingBlanksAreTrimmedButANewlineIsRefused() {
        assertEquals("10.8.136.1", Ipv4Address.parse(" 10.8.136.1 ").toString());
        assertFalse(Ipv4Address.isValid("10.8.136.1\n"));
    }

    @Test
    void zeroOctetIsNotALeadingZero() {
        assertTrue(Ipv4Address.isValid("10.0.0.0"));
    }

    @Test
    void orderIsUnsigned() {
        assertTrue(Ipv4Address.parse("10.0.0.1").compareTo(Ipv4Address.parse("200.0.0.1")) < 0);
        assertEquals(Ipv4Address.parse("10.0.1.0"), Ipv4Address.parse("10.0.0.255").plus(1));
        assertEquals(4_294_967_295L, Ipv4Address.parse("255.255.255.255").unsigned());
    }

    @Test
    void rangesContainOverlapAndCount() {
        Ipv4Range r = Ipv4Range.parse("10.54.0.10 10.54.0.41");
        assertEquals(32, r.size());
        assertTrue(r.contains(Ipv4Address.parse("10.54.0.41")));
        assertFalse(r.contains(Ipv4Address.parse("10.54.0.42")));
        assertTrue(r.overlaps(Ipv4Range.parse("10.54.0.41-10.54.0.50")));
        assertFalse(r.overlaps(Ipv4Range.parse("10.54.0.42 10.54.0.50")));
        assertTrue(Ipv4Range.parse("200.0.0.1 200.0.0.9").overlaps(Ipv4Range.parse("128.0.0.0 255.0.0.0")));
        assertEquals("10.54.0.10 10.54.0.41", r.toString());
    }

    @Test
    void backwardsRangeIsRefused() {
        assertThrows(InvalidFieldException.class, () -> Ipv4Range.parse("10.0.0.9 10.0.0.1"));
        assertThrows(InvalidFieldException.class, () -> Ipv4Range.parse("10.0.0.9"));
        assertThrows(InvalidFieldException.class, () -> Ipv4Range.parse(null));
    }
}
