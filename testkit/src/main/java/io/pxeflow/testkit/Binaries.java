package io.pxeflow.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the real servers and clients tests drive, skipping (with the package to install) where one is missing. */
public final class Binaries {
    private static final String[] DIRS = {"/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"};

    private Binaries() {
    }

    public static Optional<Path> find(String name) {
        for (String dir : DIRS) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The binary, or a skipped test saying which Debian package provides it ({@code bin/test}
     * installs them all when it runs as root; under {@code PXEFLOW_REQUIRE_ALL} a missing one fails).
     */
    public static Path require(String name, String debianPackage) {
        Optional<Path> p = find(name);
        Prerequisites.require(p.isPresent(), () -> name + " is not installed (apt-get install " + debianPackage + ")");
        return p.get();
    }
}
