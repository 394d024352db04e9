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
        Path file = DIR.resolve(name + ".txt");
        try {
            if (UPDATE || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
