package io.pxeflow.protocol.field;

/** Renders untrusted text safely inside an error message (control characters escaped, bounded). */
public final class Printable {
    private static final int MAX = 80;

    private Printable() {
    }

    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), MAX);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        if (s.length() > MAX) {
            sb.append("…(").append(s.length()).append(" chars)");
        }
        return sb.append('"').toString();
    }

    /**
     * Refuses a value carrying a control character. Surrounding blanks are harmless and trimmed by
     * the parsers, but a newline means the value was cut out of something badly, and silently
     * accepting it would hide the bug that produced it.
     */
    public static void rejectControl(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != ' ' && c != '\t') || c == 0x7f) {
                throw new InvalidFieldException(field, "control character in " + quote(value));
            }
        }
    }
}
