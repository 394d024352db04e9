package io.pxeflow.reporter.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads kernel files under a root directory: {@code /} on a node, a fixture copy in tests. A file
 * the kernel does not provide reads as null, so callers report the value as absent, never zero.
 */
public final class ProcFs {
    private final Path root;

    public ProcFs(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static ProcFs system() {
        return new ProcFs(Path.of("/"));
    }

    public Path root() {
        return root;
    }

    /** Where an absolute kernel path such as {@code /proc/loadavg} lives under this root. */
    public Path resolve(String absolute) {
        return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
    }

    /** The file's text, or null when it is missing or unreadable. */
    public String read(String absolute) {
        try {
            // Bytes first: mount paths may hold bytes that are not UTF-8, and one odd path must
            // not make the whole file unreadable (malformed bytes become U+FFFD).
            return new String(Files.readAllBytes(resolve(absolute)), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The file's lines, or null when it is missing or unreadable. */
    public List<String> lines(String absolute) {
        String text = read(absolute);
        return text == null ? null : text.lines().toList();
    }

    /** The first line, trimmed, or null when missing or empty. */
    public String firstLine(String absolute) {
        String text = read(absolute);
        if (text == null) {
            return null;
        }
        String line = text.lines().findFirst().orElse("").trim();
        return line.isEmpty() ? null : line;
    }
}
