package io.pxeflow.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Network;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetTest {
    private static final Ipv4Network RACK = Ipv4Network.parse("172.20.4.0/22");

    private static Subnet withIpxe(String ipxe) {
        return new Subnet(RACK, null, null, List.of(), null, ipxe, null);
    }

    @Test
    void theIpxeAddressBecomesTheEndpointUrl_andAUrlIsKeptAsWritten() {
        assertEquals("http://10.78.0.1:8080/boot/ipxe?mac=${net0/mac}", withIpxe("10.78.0.1").ipxeUrl(8080));
        assertEquals("http://10.78.0.1:9000/boot/ipxe?mac=${net0/mac}", withIpxe("10.78.0.1:9000").ipxeUrl(8080));
        assertEquals("http://head.cluster:8080/boot/ipxe?mac=${net0/mac}", withIpxe("head.cluster").ipxeUrl(8080));
        assertEquals("https://boot.example/x?m=${net0/mac}", withIpxe("https://boot.example/x?m=${net0/mac}").ipxeUrl(8080));
        assertNull(Subnet.of(RACK).ipxeUrl(8080));
    }

    @Test
    void badDeclarationsAreRefusedNamingTheField() {
        assertTrue(assertThrows(InvalidFieldException.class, () -> withIpxe("10.78.0.1:99999")).getMessage().contains("ipxe"));
        assertThrows(InvalidFieldException.class, () -> withIpxe("ftp://x/y"));
        assertThrows(InvalidFieldException.class, () -> withIpxe("http://x/\"y"));
        InvalidFieldException router = assertThrows(InvalidFieldException.class,
            () -> new Subnet(RACK, Ipv4Address.parse("172.20.8.1"), null, List.of(), null, null, null));
        assertTrue(router.getMessage().contains("router"), router.getMessage());
        assertThrows(InvalidFieldException.class,
            () -> new Subnet(RACK, Ipv4Address.parse("172.20.7.255"), null, List.of(), null, null, null));
        assertThrows(InvalidFieldException.class, () -> Subnet.of(Ipv4Network.parse("10.78.0.0/31")));
        assertThrows(InvalidFieldException.class, () -> Subnet.of(Ipv4Network.parse("10.0.0.0/7")));
        assertThrows(InvalidFieldException.class, () -> new Subnet(RACK, null, null, List.of(), "bad_domain", null, null));
        assertThrows(InvalidFieldException.class, () -> new Subnet(RACK, null, null, List.of(), null, null, "eth 1"));
    }

    @Test
    void theInventoryKeepsSubnetsInAddressOrderAndFindsAnAddressesSubnet() {
        Subnet head = Subnet.of(Ipv4Network.parse("10.78.0.0/24"));
        ClusterInventory c = new ClusterInventory(null, null, null, null, null, null, null, List.of(Subnet.of(RACK), head));
        assertEquals(List.of(head, Subnet.of(RACK)), c.subnets());
        assertEquals(RACK, c.subnetOf(Ipv4Address.parse("172.20.5.9")).orElseThrow().network());
        assertTrue(c.subnetOf(Ipv4Address.parse("192.168.1.1")).isEmpty());
    }
}
