package io.pxeflow.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden: compared verbatim; written when missing or when
 * run with {@code -Dgolden.update=true} (then review the diff).
 */
final class Golden {
    static final Path DIR = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private Golden() {
    }

    /** A transcript as the goldens hold it: the command line, stdout, stderr and the exit code. */
    static String transcript(java.util.List<String> args, Run run) {
        return "$ ctl " + String.join(" ", args) + "\n" + run.out()
            + "--- stderr\n" + run.err()
            + "--- exit " + run.exit() + "\n";
    }

    static void check(String name, String actual) {
        check(name, actual, false);
    }

    /**
     * As {@link #check(String, String)}; with {@code looseColumns}, runs of spaces between two words
     * compare as one. A live controller's tables are as wide as their widest cell, and a heartbeat
     * age that reaches two digits on a slow machine widens a column without changing what the table
     * says; column alignment itself is {@code TableTest}'s to check.
     */
    static void check(String name, String actual, boolean looseColumns) {
        Path file = DIR.resolve(name + ".txt");
        try {
            if (UPDATE || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (looseColumns && collapse(expected).equals(collapse(actual))) {
                return;
            }
            assertEquals(expected, actual, "golden " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String collapse(String text) {
        return text.replaceAll("(?<=\\S) {2,}(?=\\S)", " ");
    }
}
