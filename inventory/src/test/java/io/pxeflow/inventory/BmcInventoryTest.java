package io.pxeflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.NodeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BMCs in the inventory: pxeflow's keys on ClusterWare's node and class lines, read, written back and diffed. */
class BmcInventoryTest {
    static final String RACK = """
        master 172.20.4.1
        netmask 255.255.255.0
        iprange 172.20.4.10 172.20.4.99
        class compute kernelimage /boot/vmlinuz-el9
        class compute bmcprotocol redfish
        class compute bmccredentials rack4
        node 1 compute pxe+local local bmc=172.21.4.1 52:54:00:aa:00:01
        node 2 compute pxe+local local bmc=bmc-r4n2.mgmt:8443 bmccredentials=r4n2-special 52:54:00:aa:00:02
        node 3 compute pxe+local local bmc=172.21.4.3 bmcprotocol=ipmi 52:54:00:aa:00:03
        node 4 compute pxe+local local 52:54:00:aa:00:04
        """;

    static Inventory parse(String text) {
        return ScyldConfigParser.parse("rack4.conf", text);
    }

    static NodeSpec node(Inventory inv, String name) {
        return inv.node(name).orElseThrow().spec();
    }

    @Test
    void nodesTakeTheirClassDefaultsUnlessTheyNameTheirOwn() {
        Inventory inv = parse(RACK);
        assertEquals(new BmcSpec(null, BmcProtocol.REDFISH, "rack4"), inv.cluster().classes().get("compute").bmc());
        assertEquals(new BmcSpec("172.21.4.1", BmcProtocol.REDFISH, "rack4"), node(inv, "node1").effectiveBmc());
        assertEquals(new BmcSpec("bmc-r4n2.mgmt:8443", BmcProtocol.REDFISH, "r4n2-special"), node(inv, "node2").effectiveBmc());
        assertEquals(new BmcSpec("172.21.4.3", BmcProtocol.IPMI, "rack4"), node(inv, "node3").effectiveBmc());
        assertNull(node(inv, "node4").effectiveBmc(), "no bmc= on its line: the node has no BMC");
        assertEquals(new BmcSpec("172.21.4.3", BmcProtocol.IPMI, null), node(inv, "node3").bmc(),
            "the spec keeps what the line said, so an export writes the line back as it was");
    }

    @Test
    void exportWritesTheKeysBackAndReadsBackEqual() {
        Inventory inv = parse(RACK);
        String text = ScyldConfigWriter.write(inv);
        assertTrue(text.contains("class compute bmcprotocol redfish\nclass compute bmccredentials rack4\n"), text);
        assertTrue(text.contains("node 2 compute pxe+local local bmc=bmc-r4n2.mgmt:8443 bmccredentials=r4n2-special "
            + "52:54:00:aa:00:02\n"), text);
        assertTrue(text.contains("node 3 compute pxe+local local bmc=172.21.4.3 bmcprotocol=ipmi 52:54:00:aa:00:03\n"), text);
        assertEquals(inv.withoutWarnings(), parse(text).withoutWarnings());
    }

    @Test
    void noSecretHasAPlaceInTheFile() {
        InventoryException e = assertThrows(InventoryException.class,
            () -> parse("node 1 bmc=10.1.1.1 bmcpassword=hunter2 52:54:00:aa:00:01\n"));
        assertEquals("rack4.conf:1: node: unknown key \"bmcpassword=hunter2\" (name=, ip=, bmc=, bmcprotocol= or "
            + "bmccredentials=)", e.problems().get(0).toString());
        e = assertThrows(InventoryException.class, () -> parse("class c bmcpassword hunter2\n"));
        assertTrue(e.problems().get(0).reason().contains("unknown setting \"bmcpassword\" (kernelimage, initrdimage, "
            + "kernelcommandline, rootimage, overlay, nfsserver, advance, bmcprotocol or bmccredentials)"),
            e.problems().get(0).reason());
    }

    @Test
    void everyMistakeIsOneProblemAtItsLine() {
        InventoryException e = assertThrows(InventoryException.class, () -> parse("""
            class c bmcprotocol smoke-signals
            class c bmccredentials ../../etc/shadow
            node 1 c bmc=10.1.1.1:99999 52:54:00:aa:00:01
            node 2 c bmcprotocol=ipmi 52:54:00:aa:00:02
            node 3 c bmc=10.1.1.3 bmc=10.1.1.4 52:54:00:aa:00:03
            node 4 c bmc=10.1.1.5 bmccredentials=/etc/x 52:54:00:aa:00:04
            """));
        List<String> problems = e.problems().stream().map(p -> p.line() + ": " + p.reason()).toList();
        assertEquals(6, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("1: ") && problems.get(0).contains("must be ipmi or redfish"), problems.get(0));
        assertTrue(problems.get(1).startsWith("2: ") && problems.get(1).contains("bmccredentials"), problems.get(1));
        assertTrue(problems.get(2).startsWith("3: ") && problems.get(2).contains("port must be 1 to 65535"), problems.get(2));
        assertEquals("4: node: bmcprotocol= and bmccredentials= need bmc=ADDRESS (the BMC's host or IP)", problems.get(3));
        assertEquals("5: node: bmc= given twice", problems.get(4));
        assertTrue(problems.get(5).startsWith("6: node: bmccredentials=:"), problems.get(5));
    }

    @Test
    void twoNodesOnOneBmcIsAWarningNotAnError() {
        Inventory inv = parse("node 1 bmc=10.1.1.1 52:54:00:aa:00:01\nnode 2 bmc=10.1.1.1 52:54:00:aa:00:02\n");
        assertEquals(2, inv.nodes().size());
        assertEquals(List.of("rack4.conf:2: node 2: bmc=10.1.1.1 is also node1 (line 1)'s; fine for a multi-node chassis,"
            + " else a typo"), inv.warnings().stream().map(Object::toString).toList());
    }

    @Test
    void diffListsBmcChangesPerNodeAndPerClass() {
        String desired = RACK.replace("bmc=172.21.4.1 ", "bmc=172.21.4.101 ")
            .replace("class compute bmccredentials rack4", "class compute bmccredentials rack4-2025")
            .replace("node 4 compute pxe+local local ", "node 4 compute pxe+local local bmc=172.21.4.4 ");
        InventoryDiff diff = InventoryDiff.between(parse(RACK), parse(desired));
        assertEquals("""
            ~ class compute: bmccredentials rack4 -> rack4-2025
            ~ node1: bmc 172.21.4.1 -> 172.21.4.101
            ~ node4: bmc (unset) -> 172.21.4.4
            """, diff.render());
    }
}
