package io.pxeflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSelectionTest {

    @Test
    void singleRangeAndList() {
        assertEquals(List.of(15), List.copyOf(NodeSelection.parse("15")));
        assertEquals(List.of(10, 11, 12), List.copyOf(NodeSelection.parse("10-12")));
        assertEquals(List.of(1, 3, 5, 6, 7), List.copyOf(NodeSelection.parse("1,3,5-7")));
    }

    @Test
    void pathsAndWordsAreNotSelections() {
        assertFalse(NodeSelection.looksLikeSelection("/boot/vmlinuz"));
        assertFalse(NodeSelection.looksLikeSelection("rw"));
        assertFalse(NodeSelection.looksLikeSelection("1,"));
        assertTrue(NodeSelection.looksLikeSelection("3"));
    }

    @Test
    void backwardsAndHugeRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NodeSelection.parse("20-10"));
        assertThrows(IllegalArgumentException.class, () -> NodeSelection.parse("0-999999999"));
    }
}
