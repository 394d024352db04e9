package io.pxeflow.generator.reload;

import java.util.ArrayList;
import java.util.List;

/**
 * A hook command as the admin wrote it in settings, split into arguments without a shell: single
 * or double quotes group words, nothing is expanded. {@code {file}} is replaced by the candidate
 * file of a validation and {@code {pidfile:PATH}} by the pid read from PATH, which is what
 * {@code kill -HUP} needs for a daemon that is not under systemd.
 */
public record CommandLine(List<String> argv) {
    public CommandLine {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        argv = List.copyOf(argv);
    }

    public static CommandLine parse(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quote in command: " + text);
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return new CommandLine(out);
    }

    /** This command with {@code {file}} replaced. */
    public CommandLine withFile(String file) {
        return new CommandLine(argv.stream().map(a -> a.replace("{file}", file)).toList());
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
