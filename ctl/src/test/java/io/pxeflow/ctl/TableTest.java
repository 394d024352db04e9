package io.pxeflow.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TableTest {
    private static Table sample() {
        return new Table(Table.Column.left("NAME"), Table.Column.shrinkable("CLASS"), Table.Column.right("LOAD"))
            .row("node15", "centos5u4", "0.52")
            .row("node7", null, "12.00");
    }

    @Test
    void alignsColumnsWithTwoSpacesAndMarksEmptyCells() {
        assertEquals("""
            NAME    CLASS       LOAD
            node15  centos5u4   0.52
            node7   -          12.00
            """, sample().render(0));
    }

    @Test
    void narrowsTheGapsBeforeTruncating() {
        assertEquals("""
            NAME   CLASS      LOAD
            node15 centos5u4  0.52
            node7  -         12.00
            """, sample().render(22));
    }

    @Test
    void truncatesOnlyShrinkableColumnsWithATilde() {
        assertEquals("""
            NAME   CLASS  LOAD
            node15 cent~  0.52
            node7  -     12.00
            """, sample().render(18));
    }

    @Test
    void neverTruncatesBelowTheHeaderAndNeverTouchesNames() {
        String out = sample().render(5);
        assertTrue(out.contains("node15"));
        assertTrue(out.lines().allMatch(l -> l.equals(l.stripTrailing())), "no trailing blanks");
    }
}
