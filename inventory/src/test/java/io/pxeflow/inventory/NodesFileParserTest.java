package io.pxeflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.ClusterInventory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 001's "IP hostname" file for pxeboot, with MACs added as further columns. */
class NodesFileParserTest {
    static final String NODES = """
        # IP          hostname  MAC(s)
        10.8.136.1    node001   00:a0:d1:e5:c4:01
        10.8.136.2    node002   00-A0-D1-E5-C4-02 00a0.d1e5.c403
        10.8.136.128  node128   00A0D1E5C480
        """;
    /** The cluster's current network, which a nodes file keeps. */
    static final ClusterInventory NETWORK = ScyldConfigParser.parse("cluster.conf",
        "master 10.8.136.254\nnetmask 255.255.255.0\n").cluster();

    static Inventory parse(String text) {
        return NodesFileParser.parse("nodes", text, NETWORK);
    }

    @Test
    void numberFromTrailingDigitsNameAsWritten() {
        Inventory inv = parse(NODES);
        assertEquals(List.of(1, 2, 128), inv.nodes().stream().map(NodeEntry::index).toList());
        NodeEntry n2 = inv.nodes().get(1);
        assertEquals("node002", n2.name());
        assertEquals(Ipv4Address.parse("10.8.136.2"), n2.spec().ip());
        assertEquals(2, n2.spec().macs().size());
        assertEquals(BootSequence.PXE, n2.spec().sequence());
        assertEquals(ClassSpec.DEFAULT_NAME, n2.spec().bootClass().name());
        assertNull(n2.stage());
        assertTrue(inv.cluster().classes().isEmpty());
    }

    @Test
    void lineWithoutMacIsAnError() {
        InventoryException e = assertThrows(InventoryException.class,
            () -> parse("10.8.136.1 node001 00:a0:d1:e5:c4:01\n10.8.136.2 node002\n"));
        assertEquals(List.of(new Problem("nodes", 2, "node002: no MAC address; add it as the third column"
            + " (PXE recognises a node by its MAC)")), e.problems());
    }

    @Test
    void everyBadLineIsReported() {
        InventoryException e = assertThrows(InventoryException.class, () -> parse("""
            10.8.136.1   node001 00:a0:d1:e5:c4:01
            10.8.136.300 node002 00:a0:d1:e5:c4:02
            10.8.136.3   compute 00:a0:d1:e5:c4:03
            10.8.136.4   node1   00:a0:d1:e5:c4:04
            10.8.136.5   node005 00:a0:d1:e5:c4:01
            10.8.136.6   node;6  00:a0:d1:e5:c4:06
            10.8.136.7
            """));
        assertEquals(List.of(2, 3, 4, 5, 6, 7), e.problems().stream().map(Problem::line).toList());
        assertTrue(e.problems().get(2).reason().contains("duplicate node number 1"), e.problems().toString());
        assertTrue(e.problems().get(3).reason().contains("duplicate MAC"), e.problems().toString());
    }

    @Test
    void formatIsDetectedFromTheFirstDirective() {
        assertEquals(InventoryFiles.Format.NODES_FILE, InventoryFiles.detect(NODES));
        assertEquals(InventoryFiles.Format.CLUSTERWARE, InventoryFiles.detect("# c\nnodes 4\n"));
        assertEquals(3, InventoryFiles.parse("nodes", NODES, HostInterfaces.NONE, NETWORK).nodes().size());
        assertEquals(1, InventoryFiles.parse("config", "node 1 00:a0:d1:e5:c4:01").nodes().size());
    }

    @Test
    void theFileKeepsTheClustersNetwork_andAnAddressOutsideItIsRefusedWithItsLine() {
        Inventory inv = parse(NODES);
        assertEquals(NETWORK.subnets(), inv.cluster().subnets());
        assertEquals(NETWORK.master(), inv.cluster().master());
        InventoryException outside = assertThrows(InventoryException.class,
            () -> parse("10.8.136.1 node001 00:a0:d1:e5:c4:01\n10.8.137.2 node002 00:a0:d1:e5:c4:02\n"));
        assertEquals(List.of(new Problem("nodes", 2, "node002: 10.8.137.2 lies in no subnet of the cluster (10.8.136.0/24)")),
            outside.problems());
        InventoryException none = assertThrows(InventoryException.class, () -> NodesFileParser.parse("nodes", NODES));
        assertEquals(3, none.problems().size());
        assertTrue(none.problems().get(0).reason().contains("no network yet"), none.problems().toString());
    }

    @Test
    void nodesFileInventoryExportsAndReadsBackAsClusterWareSyntax() {
        Inventory inv = parse(NODES);
        String text = ScyldConfigWriter.write(inv);
        assertTrue(text.contains("node 2 pxe name=node002 ip=10.8.136.2 00:a0:d1:e5:c4:02 00:a0:d1:e5:c4:03\n"), text);
        assertEquals(inv, ScyldConfigParser.parse("export", text));
    }
}
