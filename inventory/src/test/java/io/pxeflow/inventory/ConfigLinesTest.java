package io.pxeflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLinesTest {

    @Test
    void commentsAndBlankLinesAreDropped() {
        List<ConfigLine> lines = ConfigLines.split("# header\n\n   \nnodes 4   # trailing comment\n#nodes 5\n");
        assertEquals(List.of(new ConfigLine(4, List.of("nodes", "4"))), lines);
    }

    @Test
    void hashInsideAWordIsNotAComment() {
        List<ConfigLine> lines = ConfigLines.split("kernelcommandline ks=http://h/k.cfg#x quiet #note");
        assertEquals(List.of("kernelcommandline", "ks=http://h/k.cfg#x", "quiet"), lines.get(0).words());
    }

    @Test
    void backslashJoinsTheNextLineAndKeepsTheFirstLineNumber() {
        List<ConfigLine> lines = ConfigLines.split("nodes 1\nclass c kernelcommandline a \\\n   b \\\n c\nnodes 2\n");
        assertEquals(3, lines.size());
        assertEquals(new ConfigLine(2, List.of("class", "c", "kernelcommandline", "a", "b", "c")), lines.get(1));
        assertEquals(5, lines.get(2).number());
    }

    @Test
    void commentedContinuationStillContinues() {
        List<ConfigLine> lines = ConfigLines.split("kernelcommandline a \\ # why\n b\n");
        assertEquals(List.of("kernelcommandline", "a", "b"), lines.get(0).words());
    }

    @Test
    void windowsLineEndingsAndTabsAreWhitespace() {
        List<ConfigLine> lines = ConfigLines.split("nodes\t4\r\niprange 10.0.0.1 \\\r\n 10.0.0.9\r\n");
        assertEquals(List.of("nodes", "4"), lines.get(0).words());
        assertEquals(List.of("iprange", "10.0.0.1", "10.0.0.9"), lines.get(1).words());
    }

    @Test
    void continuationOnTheLastLineEndsTheDirective() {
        assertEquals(List.of(new ConfigLine(1, List.of("nodes", "4"))), ConfigLines.split("nodes 4 \\"));
    }
}
