package io.pxeflow.generator.output;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Per-node writable overlays (seed 003's host-specific overlay, seed 001's snapshot directory).
 * A new overlay is instantiated from the admin's template directory; the admin's
 * {@code files.custom} is created empty once and never overwritten. A removed node's overlay
 * holds that node's data, so it is moved to {@code .archive/NODE-TIMESTAMP}, never deleted.
 */
public final class OverlayDirectories {
    public static final String ARCHIVE = ".archive";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path overlaysDir;
    private final Path templateDir;
    private final Clock clock;

    public OverlayDirectories(Path overlaysDir, Path templateDir, Clock clock) {
        this.overlaysDir = overlaysDir;
        this.templateDir = templateDir;
        this.clock = clock;
    }

    /** Creates the node's overlay if it does not exist; true when it was created now. */
    public boolean ensure(String node, String customFile) throws IOException {
        Path dir = overlaysDir.resolve(node);
        boolean created = false;
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            created = true;
            if (templateDir != null && Files.isDirectory(templateDir)) {
                copyMissing(templateDir, dir);
            }
        }
        Path custom = dir.resolve(customFile);
        if (!Files.exists(custom)) {
            Files.writeString(custom, "# Extra files and directories " + node + " keeps in its writable overlay, one per line.\n"
                + "# pxeflow created this file once and never overwrites it.\n");
        }
        return created;
    }

    /** Moves the node's overlay to the archive; returns where it went, or null if there was none. */
    public Path archive(String node) throws IOException {
        Path dir = overlaysDir.resolve(node);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        Path archive = overlaysDir.resolve(ARCHIVE);
        Files.createDirectories(archive);
        String base = node + "-" + STAMP.format(clock.instant());
        Path target = archive.resolve(base);
        for (int i = 2; Files.exists(target); i++) {
            target = archive.resolve(base + "-" + i);
        }
        Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static void copyMissing(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(f).toString());
                if (!Files.exists(target)) {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
