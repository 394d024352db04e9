package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The node list as a table: the 80-column default and {@code -o wide}. */
final class NodeTable {
    private NodeTable() {
    }

    static Table of(List<JsonNode> nodes, boolean wide, Instant now) {
        Table table = wide ? new Table(
            Table.Column.left("NAME"), Table.Column.right("INDEX"), Table.Column.left("IP"),
            Table.Column.left("MACS"), Table.Column.left("CLASS"), Table.Column.left("SEQUENCE"),
            Table.Column.left("STAGE"), Table.Column.left("STATUS"), Table.Column.right("SINCE"),
            Table.Column.right("HEARTBEAT"), Table.Column.right("LOAD"), Table.Column.right("MEM"),
            Table.Column.right("GEN"), Table.Column.left("CONFIG"), Table.Column.left("WIPE"), Table.Column.left("POWER"))
            : new Table(
            Table.Column.left("NAME"), Table.Column.left("IP"), Table.Column.shrinkable("CLASS"),
            Table.Column.left("SEQ/STAGE"), Table.Column.left("STATUS"), Table.Column.right("HB"),
            Table.Column.right("LOAD"), Table.Column.right("MEM"), Table.Column.left("CONFIG"));
        for (JsonNode n : nodes) {
            if (wide) {
                table.row(JsonOut.text(n, "name"), JsonOut.text(n, "index"), JsonOut.text(n, "ip"),
                    String.join(",", texts(n, "macs")), JsonOut.text(n, "class"), JsonOut.text(n, "sequence"),
                    JsonOut.text(n, "stage"), JsonOut.text(n, "status"), Format.age(instant(n, "statusSince"), now),
                    heartbeat(n, now), Format.load(JsonOut.number(n, "load1")), memory(n, true),
                    JsonOut.text(n, "generation"), config(n), yesNo(n, "wipe"), power(n));
            } else {
                table.row(JsonOut.text(n, "name"), JsonOut.text(n, "ip"), JsonOut.text(n, "class"),
                    JsonOut.text(n, "sequence") + "/" + JsonOut.text(n, "stage"), JsonOut.text(n, "status"),
                    heartbeat(n, now), Format.load(JsonOut.number(n, "load1")), memory(n, false), config(n));
            }
        }
        return table;
    }

    /** The server's age is preferred: it shares the controller's clock with lastHeartbeat. */
    static String heartbeat(JsonNode n, Instant now) {
        double age = JsonOut.number(n, "heartbeatAgeSeconds");
        return Double.isNaN(age) ? Format.age(instant(n, "lastHeartbeat"), now) : Format.age(age);
    }

    static String memory(JsonNode n, boolean withTotal) {
        long used = JsonOut.longOr(n, "memUsedBytes", -1);
        long total = JsonOut.longOr(n, "memTotalBytes", -1);
        if (used < 0) {
            return "-";
        }
        return withTotal && total >= 0 ? Format.bytes(used) + "/" + Format.bytes(total) : Format.bytes(used);
    }

    /** "yes" once every generator applied the node's latest generation; "pending" until then. */
    static String config(JsonNode n) {
        JsonNode applied = n.get("configApplied");
        if (applied == null || applied.isNull()) {
            return "-";
        }
        return applied.asBoolean() ? "yes" : "pending";
    }

    /** As the BMC last reported it (on, off, unknown); "-" for a node without a BMC. */
    static String power(JsonNode n) {
        String state = JsonOut.text(n, "powerState");
        return state == null ? "-" : state;
    }

    static String yesNo(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "-" : v.asBoolean() ? "yes" : "no";
    }

    static Instant instant(JsonNode n, String field) {
        String text = JsonOut.text(n, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static List<String> texts(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        JsonOut.array(n, field).forEach(v -> out.add(v.asText()));
        return out;
    }
}
