package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.List;

/** Lifecycle events as table rows ({@code ctl events}, {@code ctl status}) and stream lines ({@code ctl watch}). */
final class EventFormat {
    private EventFormat() {
    }

    /** The year is left out of the 80-column table (room for the detail); {@code -o wide} keeps it. */
    static Table table(List<JsonNode> events, ZoneId zone, boolean wide) {
        Table table = new Table(Table.Column.left("TIME"), Table.Column.left("NODE"), Table.Column.left("KIND"),
            Table.Column.left("CHANGE"), Table.Column.shrinkable("DETAIL"));
        for (JsonNode e : events) {
            String time = Format.time(NodeTable.instant(e, "time"), zone);
            table.row(wide || time.length() < 5 ? time : time.substring(5), subject(e), JsonOut.text(e, "kind"),
                change(e), JsonOut.text(e, "detail"));
        }
        return table;
    }

    /** One line per event, columns aligned for the common widths so a live stream stays readable. */
    static String line(JsonNode e, ZoneId zone) {
        String detail = JsonOut.text(e, "detail");
        String change = change(e);
        StringBuilder b = new StringBuilder();
        b.append(Format.time(NodeTable.instant(e, "time"), zone)).append("  ")
            .append(pad(subject(e), 10)).append(' ')
            .append(pad(JsonOut.text(e, "kind"), 16));
        if (!"-".equals(change)) {
            b.append(' ').append(change);
        }
        if (detail != null && !detail.isBlank()) {
            b.append("  ").append(detail);
        }
        return b.toString().stripTrailing();
    }

    /** The node, or the MAC for an unknown client's event. */
    static String subject(JsonNode e) {
        String node = JsonOut.text(e, "node");
        return node != null ? node : JsonOut.text(e, "mac");
    }

    static String change(JsonNode e) {
        String from = JsonOut.text(e, "from");
        String to = JsonOut.text(e, "to");
        if (from == null && to == null) {
            return "-";
        }
        return (from == null ? "" : from) + " -> " + (to == null ? "" : to);
    }

    private static String pad(String s, int width) {
        String v = s == null ? "-" : s;
        return v.length() >= width ? v : v + " ".repeat(width - v.length());
    }
}
