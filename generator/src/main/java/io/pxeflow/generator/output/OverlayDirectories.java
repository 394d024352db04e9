package io.pxeflow.generator.output;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
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

    /**
     * Creates the node's overlay if it does not exist; true when it was created now. A new
     * overlay is built aside and renamed into place, so a worker killed half way never leaves an
     * overlay that looks complete but lacks template files or holds an empty {@code files.custom}.
     */
    public boolean ensure(String node, String customFile) throws IOException {
        Path dir = overlaysDir.resolve(node);
        boolean created = false;
        if (!Files.isDirectory(dir)) {
            Path staging = overlaysDir.resolve("." + node + ".new");
            deleteTree(staging);
            Files.createDirectories(staging);
            if (templateDir != null && Files.isDirectory(templateDir)) {
                copyMissing(templateDir, staging);
            }
            createOnce(staging.resolve(customFile), node);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            created = true;
        }
        createOnce(dir.resolve(customFile), node);
        return created;
    }

    /** Writes the admin's list if it is missing: whole or not at all, and never over the admin's. */
    private static void createOnce(Path custom, String node) throws IOException {
        if (Files.exists(custom)) {
            return;
        }
        Path tmp = custom.resolveSibling("." + custom.getFileName() + ".0." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(tmp, "# Extra files and directories " + node + " keeps in its writable overlay, one per line.\n"
            + "# pxeflow created this file once and never overwrites it.\n");
        try {
            // A hard link creates the name only if it is absent, atomically, unlike a rename.
            Files.createLink(custom, tmp);
        } catch (FileAlreadyExistsException adminWasFaster) {
            // keep theirs
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
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
