package io.pxeflow.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The packages `./mvnw package` wrote into this module's target/ (the newest, when older builds are still there). */
final class BuiltPackages {
    static final Path TARGET = Path.of("target").toAbsolutePath();

    private BuiltPackages() {
    }

    static Path newest(String prefix, String suffix) throws IOException {
        try (var files = Files.list(TARGET)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(suffix))
                .max(Comparator.comparing(f -> f.toFile().lastModified()))
                .orElseThrow(() -> new AssertionError("no " + prefix + "*" + suffix + " in " + TARGET + ": run ./mvnw package first"));
        }
    }
}
