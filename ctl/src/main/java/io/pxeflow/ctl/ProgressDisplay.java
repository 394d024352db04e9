package io.pxeflow.ctl;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code reprovision --wait} shows progress. On a terminal: one line per node, redrawn in
 * place (a summary line beyond {@value #MAX_LINES} nodes, so a rack does not scroll away).
 * Piped: a plain line per change, which logs and CI read well.
 */
final class ProgressDisplay {
    static final int MAX_LINES = 20;
    private static final String UP_LINE = "\033[%dA";
    private static final String CLEAR = "\r\033[2K";

    private final PrintWriter out;
    private final boolean terminal;
    private int drawn;

    ProgressDisplay(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void changed(NodeProgress p) {
        if (!terminal) {
            out.println(p.name + ": " + p.status() + ", stage " + p.stage());
            out.flush();
        }
    }

    /** Terminal only: redraws the block. */
    void redraw(List<NodeProgress> nodes, Duration elapsed) {
        if (!terminal) {
            return;
        }
        List<String> lines = lines(nodes, elapsed);
        StringBuilder b = new StringBuilder();
        if (drawn > 0) {
            b.append(String.format(UP_LINE, drawn));
        }
        for (String line : lines) {
            b.append(CLEAR).append(line).append('\n');
        }
        out.print(b);
        out.flush();
        drawn = lines.size();
    }

    static List<String> lines(List<NodeProgress> nodes, Duration elapsed) {
        List<String> lines = new ArrayList<>();
        String time = Format.elapsed(elapsed);
        if (nodes.size() > MAX_LINES) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (NodeProgress p : nodes) {
                counts.merge(label(p), 1, Integer::sum);
            }
            StringBuilder b = new StringBuilder(nodes.size() + " nodes:");
            counts.forEach((k, v) -> b.append(' ').append(k).append(' ').append(v).append(','));
            b.setLength(b.length() - 1);
            lines.add(b + "  " + time);
            return lines;
        }
        int width = nodes.stream().mapToInt(p -> p.name.length()).max().orElse(4);
        for (NodeProgress p : nodes) {
            lines.add(String.format("%-" + width + "s  %-12s stage %-6s %s", p.name, label(p), p.stage(), time)
                .stripTrailing());
        }
        return lines;
    }

    private static String label(NodeProgress p) {
        return switch (p.outcome()) {
            case UP -> "up";
            case BOOT_LOOP -> "BOOT-LOOP";
            case WAITING -> "up".equals(p.status()) ? "waiting" : p.status();
        };
    }
}
