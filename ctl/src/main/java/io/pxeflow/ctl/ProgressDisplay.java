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
 * Piped: a line saying what it waits for, a plain line per change, which logs and CI read well,
 * and a "still waiting" line after each {@link #QUIET} without one, so a log never goes silent
 * for the whole timeout. Every line is flushed as it is written: stdout is not flushed by itself.
 */
final class ProgressDisplay {
    static final int MAX_LINES = 20;
    /** Piped: how long without a change before a "still waiting" line. */
    static final Duration QUIET = Duration.ofMinutes(1);
    private static final String UP_LINE = "\033[%dA";
    private static final String CLEAR = "\r\033[2K";

    private final PrintWriter out;
    private final boolean terminal;
    private int drawn;
    private Duration lastLine = Duration.ZERO;

    ProgressDisplay(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Piped: what the command now waits for. */
    void started(List<NodeProgress> nodes, Duration timeout) {
        if (!terminal) {
            String who = nodes.size() == 1 ? nodes.get(0).name : nodes.size() + " nodes";
            out.println("waiting up to " + Format.elapsed(timeout) + " for " + who + " to boot and come up");
            out.flush();
        }
    }

    void changed(NodeProgress p, Duration elapsed) {
        if (!terminal) {
            out.println(p.name + ": " + p.status() + ", stage " + p.stage());
            out.flush();
            lastLine = elapsed;
        }
    }

    /** Piped: a "still waiting" line once nothing was printed for {@link #QUIET}. */
    void tick(List<NodeProgress> nodes, Duration elapsed) {
        if (!terminal && elapsed.minus(lastLine).compareTo(QUIET) >= 0) {
            out.println(stillWaiting(nodes, elapsed));
            out.flush();
            lastLine = elapsed;
        }
    }

    static String stillWaiting(List<NodeProgress> nodes, Duration elapsed) {
        List<NodeProgress> waiting = nodes.stream().filter(p -> p.outcome() == NodeProgress.Outcome.WAITING).toList();
        StringBuilder b = new StringBuilder("still waiting after ").append(Format.elapsed(elapsed)).append(": ");
        if (waiting.size() <= 3) {
            for (NodeProgress p : waiting) {
                b.append(p.name).append(' ').append(p.status()).append(", stage ").append(p.stage()).append("; ");
            }
            b.setLength(b.length() - 2);
            return b.toString();
        }
        Map<String, Integer> counts = new java.util.TreeMap<>();
        waiting.forEach(p -> counts.merge(p.status(), 1, Integer::sum));
        b.append(waiting.size()).append(" nodes (");
        counts.forEach((k, v) -> b.append(k).append(' ').append(v).append(", "));
        b.setLength(b.length() - 2);
        return b.append(')').toString();
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
