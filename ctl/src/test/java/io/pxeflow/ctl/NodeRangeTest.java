package io.pxeflow.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRangeTest {
    @Test
    void expandsARangeAndAName() {
        assertEquals(List.of("node10", "node11", "node12", "node33"), NodeRange.expand("node[10-12],node33"));
    }

    @Test
    void keepsZeroPaddingOfTheLowerBound() {
        assertEquals(List.of("node08", "node09", "node10"), NodeRange.expand("node[08-10]"));
        assertEquals("node001", NodeRange.expand("node[001-100]").get(0));
        assertEquals(100, NodeRange.expand("node[001-100]").size());
    }

    @Test
    void listsInsideBracketsAndSeveralBracketsCombine() {
        assertEquals(List.of("n1", "n3", "n4", "n5"), NodeRange.expand("n[1,3-5]"));
        assertEquals(List.of("rack1-n1", "rack1-n2", "rack2-n1", "rack2-n2"), NodeRange.expand("rack[1-2]-n[1-2]"));
    }

    @Test
    void plainNamesAndDuplicatesCollapse() {
        assertEquals(List.of("node15"), NodeRange.expand("node15"));
        assertEquals(List.of("a1", "a2"), NodeRange.expand("a[1-2],a1"));
    }

    @Test
    void commasInsideBracketsDoNotSplitItems() {
        assertEquals(List.of("n[1,2]", "m3"), NodeRange.items("n[1,2], m3"));
    }

    @Test
    void rejectsMalformedRanges() {
        assertThrows(IllegalArgumentException.class, () -> NodeRange.expand("node[20-10]"));
        assertThrows(IllegalArgumentException.class, () -> NodeRange.expand("node[1-"));
        assertThrows(IllegalArgumentException.class, () -> NodeRange.expand("node]1["));
        assertThrows(IllegalArgumentException.class, () -> NodeRange.expand("node[a-b]"));
        assertThrows(IllegalArgumentException.class, () -> NodeRange.expand("node[1-99999999]"));
        assertThrows(IllegalArgumentException.class, () -> NodeRange.expand(" , "));
    }

    @Test
    void globsAreLeftToTheController() {
        assertTrue(NodeRange.isGlob("rack1-*"));
        assertTrue(NodeRange.isGlob("node?"));
        assertFalse(NodeRange.isGlob("node[1-2]"));
    }
}
