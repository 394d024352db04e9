package io.pxeflow.reporter.collect;

/** Kernel strings are bytes chosen by whoever mounted or named things: keep them printable and bounded. */
final class Text {
    private Text() {
    }

    /** Control characters become '?', so the wire validation never rejects a whole heartbeat for one name. */
    static String printable(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
            b.append(control ? '?' : c);
        }
        return b.toString();
    }
}
