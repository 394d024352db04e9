package io.pxeflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pxeflow.protocol.field.Ipv4Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real interfaces of this machine, as an import on the head node reads them. */
class HostInterfacesTest {
    @Test
    void theLoopbackIsReadWithItsPrefix_andAMissingInterfaceIsAbsentNotEmpty() {
        var lo = HostInterfaces.system().addresses("lo");
        assumeTrue(lo.isPresent(), "no interface named lo here (not Linux?)");
        assertTrue(lo.get().contains(new HostInterfaces.Address(Ipv4Address.parse("127.0.0.1"), 8)), lo.get().toString());
        assertTrue(HostInterfaces.system().addresses("pxft-nosuch0").isEmpty());
    }

    @Test
    void aFileNamingTheLoopbackReadsItsNetwork() {
        assumeTrue(HostInterfaces.system().addresses("lo").isPresent(), "no interface named lo here");
        Inventory inv = ScyldConfigParser.parse("f", "interface lo\niprange 127.0.0.10 127.0.0.20\n", HostInterfaces.system());
        assertEquals(Ipv4Address.parse("127.0.0.1"), inv.cluster().master());
        assertEquals("127.0.0.0/8", inv.cluster().subnets().get(0).network().toString());
        assertEquals(List.of("lo"), inv.cluster().subnets().stream().map(s -> s.iface()).toList());
    }
}
