package io.pxeflow.inventory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits config text into directives. A {@code #} that starts a word starts a comment (so a
 * kickstart URL such as {@code ks=http://h/#x} keeps its '#'); a {@code \} ending a line joins the
 * next one with a space. ClusterWare itself does not join lines; pxeflow does because admins break
 * long kernel command lines for readability, as the ClusterWare manual's own example does.
 * Quotes are not interpreted: a kernel command line keeps them for the kernel to read.
 */
final class ConfigLines {
    private ConfigLines() {
    }

    static List<ConfigLine> split(String text) {
        List<ConfigLine> out = new ArrayList<>();
        String[] physical = text.split("\n", -1);
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < physical.length; i++) {
            String line = stripComment(physical[i]).stripTrailing();
            if (pending == null) {
                pending = new StringBuilder();
                start = i + 1;
            }
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                add(out, start, pending);
                pending = null;
            }
        }
        if (pending != null) {
            add(out, start, pending);
        }
        return out;
    }

    static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static void add(List<ConfigLine> out, int number, CharSequence text) {
        String trimmed = text.toString().strip();
        if (!trimmed.isEmpty()) {
            out.add(new ConfigLine(number, Arrays.asList(trimmed.split("\\s+"))));
        }
    }
}
