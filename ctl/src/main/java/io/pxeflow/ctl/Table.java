package io.pxeflow.ctl;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: a header, left-aligned columns (numbers right-aligned), no borders, so
 * {@code awk}/{@code cut} still work. {@link #render(int)} fits a width: first the gaps shrink
 * from two spaces to one, then the shrinkable columns are truncated with a trailing {@code ~}.
 */
public final class Table {
    /** A column; {@code shrink} marks the ones that may be truncated to fit (never names). */
    public record Column(String header, boolean right, boolean shrink) {
        public static Column left(String header) {
            return new Column(header, false, false);
        }

        public static Column right(String header) {
            return new Column(header, true, false);
        }

        public static Column shrinkable(String header) {
            return new Column(header, false, true);
        }
    }

    /** The terminal width tables fit unless {@code -o wide} asks for everything. */
    public static final int DEFAULT_WIDTH = 80;
    private static final int MIN_SHRUNK = 4;

    private final List<Column> columns;
    private final List<String[]> rows = new ArrayList<>();

    public Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    public Table(Column... columns) {
        this(List.of(columns));
    }

    public Table row(String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table " + columns.size());
        }
        String[] copy = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            copy[i] = cells[i] == null || cells[i].isEmpty() ? "-" : cells[i];
        }
        rows.add(copy);
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** @param maxWidth the width to fit, or 0 for no limit */
    public String render(int maxWidth) {
        int n = columns.size();
        int[] widths = new int[n];
        for (int c = 0; c < n; c++) {
            widths[c] = columns.get(c).header().length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        int gap = 2;
        if (maxWidth > 0 && total(widths, gap) > maxWidth) {
            gap = 1;
        }
        while (maxWidth > 0 && total(widths, gap) > maxWidth) {
            int widest = widestShrinkable(widths);
            if (widest < 0) {
                break;
            }
            widths[widest]--;
        }
        StringBuilder out = new StringBuilder();
        line(out, headers(), widths, gap);
        for (String[] row : rows) {
            line(out, row, widths, gap);
        }
        return out.toString();
    }

    private String[] headers() {
        String[] h = new String[columns.size()];
        for (int c = 0; c < h.length; c++) {
            h[c] = columns.get(c).header();
        }
        return h;
    }

    private int widestShrinkable(int[] widths) {
        int best = -1;
        for (int c = 0; c < widths.length; c++) {
            Column col = columns.get(c);
            int floor = Math.max(MIN_SHRUNK, col.header().length());
            if (col.shrink() && widths[c] > floor && (best < 0 || widths[c] > widths[best])) {
                best = c;
            }
        }
        return best;
    }

    private static int total(int[] widths, int gap) {
        int sum = gap * (widths.length - 1);
        for (int w : widths) {
            sum += w;
        }
        return sum;
    }

    private void line(StringBuilder out, String[] cells, int[] widths, int gap) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String cell = fit(cells[c], widths[c]);
            int pad = widths[c] - cell.length();
            if (columns.get(c).right()) {
                line.append(" ".repeat(pad)).append(cell);
            } else {
                line.append(cell).append(" ".repeat(pad));
            }
            if (c < cells.length - 1) {
                line.append(" ".repeat(gap));
            }
        }
        // Trailing blanks only upset diffs and copy-paste.
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        out.append(line, 0, end).append('\n');
    }

    private static String fit(String cell, int width) {
        return cell.length() <= width ? cell : cell.substring(0, width - 1) + "~";
    }
}
