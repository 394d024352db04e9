package io.pxeflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class InventoryRoundTripPropertyTest {

    @Property(tries = 500)
    void writtenInventoryReadsBackEqual(@ForAll("seeds") long seed) {
        Inventory inventory = InventoryGenerator.generate(seed);
        String text = ScyldConfigWriter.write(inventory);
        Inventory back = ScyldConfigParser.parse("export", text);
        assertEquals(inventory, back, text);
        assertEquals(text, ScyldConfigWriter.write(back), "writing is deterministic");
        assertTrue(InventoryDiff.between(inventory, back).isEmpty());
    }

    @Property(tries = 200)
    void diffAgainstAnotherInventoryListsEveryNodeDifference(@ForAll("seeds") long a, @ForAll("seeds") long b) {
        Inventory current = InventoryGenerator.generate(a);
        Inventory desired = InventoryGenerator.generate(b);
        InventoryDiff diff = InventoryDiff.between(current, desired);
        for (NodeEntry n : desired.nodes()) {
            boolean listed = diff.addedNames().contains(n.name()) || diff.changedNames().contains(n.name());
            NodeEntry old = current.node(n.name()).orElse(null);
            boolean same = old != null && old.spec().withClass(n.spec().bootClass()).equals(n.spec())
                && (n.stage() == null || n.stage() == old.stage()) && old.spec().bootClass().name().equals(n.spec().bootClass().name());
            assertEquals(!same, listed, n + " vs " + old + "\n" + diff.render());
        }
        assertEquals(diff.isEmpty(), diff.render().equals("no changes\n"));
    }

    /** Any text made of config vocabulary either parses or fails with problems: never another exception. */
    @Property(tries = 500)
    void parserOnlyEverThrowsInventoryException(@ForAll("configTexts") String text) {
        try {
            InventoryFiles.parse("fuzz", text);
        } catch (InventoryException e) {
            assertTrue(!e.problems().isEmpty());
            e.problems().forEach(p -> assertTrue(p.line() >= 1, p.toString()));
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<String> configTexts() {
        Arbitrary<String> word = Arbitraries.oneOf(
            Arbitraries.of(List.of("node", "nodes", "class", "host", "iprange", "hostrange", "master", "nodename",
                "kernelimage", "initrdimage", "kernelcommandline", "rootimage", "advance", "none", "pxe", "local",
                "pxe+local", "on-pxe-served", "15", "0", "1-3", "3-1", "1,3,5-7", "999999999", "00:A0:D1:E5:C4:6E",
                "00a0.d1e5.c46f", "10.0.0.1", "10.0.0.9", "10.0.0.300", "name=x", "ip=10.0.0.5", "ip=", "=", "%N",
                "n%N", "/boot/vmlinuz", "..", "\\", "#", "\"", "interface", "-", "centos", "\t", "\u0001")),
            Arbitraries.strings().ofMaxLength(6));
        Arbitrary<String> line = word.list().ofMaxSize(7).map(ws -> String.join(" ", ws));
        return line.list().ofMaxSize(12).map(ls -> String.join("\n", ls));
    }
}
