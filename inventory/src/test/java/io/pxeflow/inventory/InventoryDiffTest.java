package io.pxeflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryDiffTest {
    static final String BASE = """
        subnet 10.0.0.0/24 next-server 10.0.0.1
        iprange 10.0.0.10 10.0.0.99
        hostrange 10.0.0.200 10.0.0.210
        host 00:00:00:00:01:01 10.0.0.200 pdu1
        class centos kernelimage /boot/centos
        class memtest kernelimage /boot/memtest
        node 15 centos pxe+local local 00:00:00:00:00:15
        node 16 centos pxe+local local 00:00:00:00:00:16
        node 17 centos pxe+local local 00:00:00:00:00:17
        """;

    static Inventory parse(String text) {
        return ScyldConfigParser.parse("f", text);
    }

    @Test
    void sameFileIsNoChange() {
        InventoryDiff diff = InventoryDiff.between(parse(BASE), parse(BASE));
        assertTrue(diff.isEmpty());
        assertEquals("no changes\n", diff.render());
    }

    @Test
    void addedRemovedAndChangedNodes() {
        String desired = BASE
            .replace("node 16 centos pxe+local local 00:00:00:00:00:16\n", "")
            .replace("node 17 centos", "node 17 memtest")
            + "node 18 centos pxe+local pxe 00:00:00:00:00:18\n";
        InventoryDiff diff = InventoryDiff.between(parse(BASE), parse(desired));
        assertEquals(List.of("node18"), diff.addedNames());
        assertEquals(List.of("node16"), diff.removedNames());
        assertEquals(List.of("node17"), diff.changedNames());
        assertEquals("""
            - node16
            ~ node17: class centos -> memtest
            + node18 index=18 class=centos sequence=pxe+local stage=pxe ip=10.0.0.28 macs=00:00:00:00:00:18
            """, diff.render());
    }

    @Test
    void unsaidStageIsNoChangeButASaidOneIs() {
        Inventory current = parse(BASE);
        assertTrue(InventoryDiff.between(current, parse(BASE.replace("pxe+local local", "pxe+local"))).isEmpty());
        InventoryDiff diff = InventoryDiff.between(current, parse(BASE.replace("node 15 centos pxe+local local",
            "node 15 centos pxe+local pxe")));
        assertEquals("~ node15: stage local -> pxe\n", diff.render());
    }

    @Test
    void nodeFieldsEachListedOldToNew() {
        InventoryDiff diff = InventoryDiff.between(parse(BASE), parse(BASE.replace(
            "node 15 centos pxe+local local 00:00:00:00:00:15",
            "node 15 centos pxe pxe ip=10.0.0.90 00:00:00:00:00:15 00:00:00:00:00:25\nkernelimage 15 /boot/memtest")));
        assertEquals("~ node15: sequence pxe+local -> pxe, stage local -> pxe, ip 10.0.0.25 -> 10.0.0.90,"
            + " macs 00:00:00:00:00:15 -> 00:00:00:00:00:15,00:00:00:00:00:25, kernelimage (unset) -> /boot/memtest\n",
            diff.render());
    }

    @Test
    void classAndHostAndRangeChangesAreListedOnceNotPerNode() {
        String desired = BASE
            .replace("class centos kernelimage /boot/centos", "class centos kernelimage /boot/centos9\nclass new initrdimage none")
            .replace("class memtest kernelimage /boot/memtest\n", "")
            .replace("node 17 centos pxe+local local 00:00:00:00:00:17\n", "")
            .replace("10.0.0.200 pdu1", "10.0.0.201 pdu1")
            .replace("hostrange 10.0.0.200 10.0.0.210", "hostrange 10.0.0.200 10.0.0.220\nhost 00:00:00:00:01:02 sw");
        InventoryDiff diff = InventoryDiff.between(parse(BASE), parse(desired));
        assertFalse(diff.isEmpty());
        assertTrue(diff.changed().isEmpty(), diff.changed().toString());
        assertEquals("""
            ~ cluster: hostranges 10.0.0.200 10.0.0.210 -> 10.0.0.200 10.0.0.220
            ~ class centos: kernelimage /boot/centos -> /boot/centos9
            - class memtest
            + class new initrdimage=none
            ~ host pdu1 (00:00:00:00:01:01): ip 10.0.0.200 -> 10.0.0.201
            + host sw (00:00:00:00:01:02) ip=10.0.0.200 names=sw
            - node17
            """, diff.render());
    }
}
