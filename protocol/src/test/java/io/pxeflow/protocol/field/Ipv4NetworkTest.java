package io.pxeflow.protocol.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Ipv4NetworkTest {
    @Test
    void parsesNetworkAndPrefixAndKnowsItsAddresses() {
        Ipv4Network n = Ipv4Network.parse("172.20.4.0/22");
        assertEquals("172.20.4.0/22", n.toString());
        assertEquals("255.255.252.0", n.netmask().toString());
        assertEquals("172.20.7.255", n.last().toString());
        assertEquals(1024, n.size());
        assertTrue(n.contains(Ipv4Address.parse("172.20.7.200")));
        assertFalse(n.contains(Ipv4Address.parse("172.20.8.1")));
        assertTrue(n.contains(Ipv4Range.parse("172.20.4.10 172.20.6.10")));
        assertFalse(n.contains(Ipv4Range.parse("172.20.7.10 172.20.8.10")));
    }

    @Test
    void hostBitsAreRefusedNamingTheNetworkMeant() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> Ipv4Network.parse("10.78.0.1/24"));
        assertTrue(e.getMessage().contains("10.78.0.0/24"), e.getMessage());
    }

    @Test
    void malformedTextIsRefused() {
        for (String bad : new String[] {"10.78.0.0", "10.78.0.0/", "10.78.0.0/33", "10.78.0.0/2a", "10.78.0/24", "/24"}) {
            assertThrows(InvalidFieldException.class, () -> Ipv4Network.parse(bad), bad);
        }
    }

    @Test
    void aNetmaskGivesThePrefix_andMustBeContiguous() {
        assertEquals(Ipv4Network.parse("10.78.0.0/24"),
            Ipv4Network.of(Ipv4Address.parse("10.78.0.1"), Ipv4Address.parse("255.255.255.0")));
        assertEquals(16, Ipv4Network.prefixOf(Ipv4Address.parse("255.255.0.0")));
        assertThrows(InvalidFieldException.class, () -> Ipv4Network.prefixOf(Ipv4Address.parse("255.0.255.0")));
    }

    @Test
    void overlapIsContainmentEitherWay() {
        Ipv4Network a = Ipv4Network.parse("10.78.0.0/23");
        assertTrue(a.overlaps(Ipv4Network.parse("10.78.1.0/24")));
        assertTrue(Ipv4Network.parse("10.78.1.0/24").overlaps(a));
        assertFalse(a.overlaps(Ipv4Network.parse("10.78.2.0/24")));
    }
}
