package io.pxeflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Network;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.StagePolicy;
import io.pxeflow.protocol.message.Subnet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** examples/cluster.conf is what a new admin copies: it must import cleanly. */
class ExampleClusterConfTest {
    static String example() throws IOException {
        return Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("cluster.conf"));
    }

    @Test
    void parses() throws IOException {
        Inventory inv = InventoryFiles.parse("cluster.conf", example());
        assertEquals(32, inv.cluster().nodeCount());
        assertEquals(Ipv4Address.parse("10.54.0.1"), inv.cluster().master());
        assertEquals(2, inv.cluster().hostRanges().size());
        assertEquals(List.of("smartswitch", "pdu1", "pdu2"),
            inv.cluster().hosts().stream().map(h -> h.names().get(0)).toList());
        assertEquals(List.of("centos", "default", "memtest", "scyld"),
            inv.cluster().classes().keySet().stream().sorted().toList());
        assertEquals(StagePolicy.ON_PXE_SERVED, inv.cluster().classes().get("centos").advance());
        assertEquals(List.of(15, 16, 17, 18, 20, 21, 22, 23), inv.nodes().stream().map(NodeEntry::index).toList());

        NodeEntry node15 = inv.node("node15").orElseThrow();
        assertEquals("centos", node15.spec().bootClass().name());
        assertEquals(BootSequence.PXE_LOCAL, node15.spec().sequence());
        assertEquals(BootStage.PXE, node15.stage());
        assertEquals(Ipv4Address.parse("10.54.0.25"), node15.spec().ip());
        assertEquals(2, node15.spec().macs().size());
        assertEquals(BootStage.LOCAL, inv.node("node16").orElseThrow().stage());
        assertEquals("scyld", inv.node("node20").orElseThrow().spec().bootClass().name());
        assertNull(inv.node("node23").orElseThrow().stage());
        assertEquals("rw console=ttyS0,115200n8 rd.neednet=1 ip=dhcp debug",
            inv.node("node21").orElseThrow().spec().effectiveClass().cmdline());
        assertEquals(List.of("pxeinterfaces"), inv.warnings().stream().map(w -> w.reason().split(":")[0]).toList());
        assertEquals(List.of(Subnet.of(Ipv4Network.parse("10.54.0.0/16"))), inv.cluster().subnets());
    }

    @Test
    void roundTripsThroughTheWriter() throws IOException {
        Inventory inv = ScyldConfigParser.parse("cluster.conf", example());
        String written = ScyldConfigWriter.write(inv);
        assertEquals(inv.withoutWarnings(), ScyldConfigParser.parse("export", written));
        assertEquals(written, ScyldConfigWriter.write(ScyldConfigParser.parse("export", written)));
    }
}
