package io.pxeflow.generator.output;

import io.pxeflow.generator.render.Output;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replaces files so that a reader (dhcpd starting, a TFTP server, a node) sees the old content
 * or the new, never a half-written file: the new bytes go to a temp file in the same directory,
 * are made durable, optionally checked by the real tool, then renamed over the old file, and the
 * directory is synced so the rename survives a crash too. The temp name starts with a dot
 * because dnsmasq's hostsdir watcher ignores dot files. Unchanged content is not rewritten, so
 * mtimes and inotify watchers only see real changes.
 *
 * <p>Files are replaced in batches: a fresh worker writes ~70,000 files for 10,000 nodes, and
 * one fsync per file (plus one per rename) measured ~6 ms each here, over seven minutes. A batch
 * makes all its temp files durable at once (one syncfs through coreutils' {@code sync -f} above
 * {@value #SYNCFS_THRESHOLD} files, one fsync each below), then renames them all, then makes the
 * renames durable (one more syncfs above {@value #SYNCFS_THRESHOLD} directories, a fsync of each
 * below). Every file is still durable before it replaces the old one.
 */
public final class AtomicFileWriter {
    static final int SYNCFS_THRESHOLD = 32;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    /** TFTP and NFS servers read these files as unprivileged users. */
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    /** Temp names are unique per process, and the pid keeps two processes apart. */
    private static final java.util.concurrent.atomic.AtomicLong TEMP_IDS = new java.util.concurrent.atomic.AtomicLong();
    private static final long PID = ProcessHandle.current().pid();
    /** {@code .NAME.SEQ.PID.tmp}: the names {@link Batch#add} gives its temp files. */
    private static final Pattern TEMP_NAME = Pattern.compile("\\..+\\.\\d+\\.(\\d+)\\.tmp");

    private final PreSwapValidator validator;

    public AtomicFileWriter(PreSwapValidator validator) {
        this.validator = validator;
    }

    /** The result of one write. */
    public sealed interface Result {
        /** The file holds (or, in an uncommitted batch, will hold) the new content. */
        record Written(boolean created) implements Result {
        }

        /** It already held exactly this content. */
        record Unchanged() implements Result {
        }

        /** The validator refused the candidate; the old file is untouched. */
        record Refused(String reason) implements Result {
        }
    }

    /** Writes one file now. */
    public Result write(Output output, Path target, byte[] content) throws IOException {
        try (Batch b = batch()) {
            Result r = b.add(output, target, content);
            b.commit();
            return r;
        }
    }

    /**
     * Writes one file now without reading the old one first: for a caller that knows the content
     * differs (a 10 MB dhcpd.conf it wrote itself a moment ago), the comparison is a wasted read.
     */
    public Result replace(Output output, Path target, byte[] content) throws IOException {
        try (Batch b = batch()) {
            Result r = b.add(output, target, content, false);
            b.commit();
            return r;
        }
    }

    /**
     * Deletes temp files a killed writer left behind under {@code root}: ours are named
     * {@code .NAME.SEQ.PID.tmp}, and one whose process is gone will never be renamed. A live
     * process's (another worker sharing the tree, or this one) are left alone.
     */
    public static int removeStaleTemps(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> stale;
        try (Stream<Path> files = Files.walk(root)) {
            stale = files.filter(f -> isStaleTemp(f.getFileName().toString())).toList();
        }
        for (Path f : stale) {
            Files.deleteIfExists(f);
        }
        return stale.size();
    }

    static boolean isStaleTemp(String name) {
        Matcher m = TEMP_NAME.matcher(name);
        if (!m.matches()) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        return pid != PID && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }


    public Batch batch() {
        return new Batch();
    }

    /** Deletes {@code target}; true when it existed. */
    public boolean delete(Path target) throws IOException {
        boolean existed = Files.deleteIfExists(target);
        if (existed) {
            syncDirectory(target.toAbsolutePath().getParent());
        }
        return existed;
    }

    /** Files staged as temp files, replaced together by {@link #commit}; {@link #close} drops the rest. */
    public final class Batch implements AutoCloseable {
        /** Target to its temp file; a later write of the same target in the batch replaces the earlier one. */
        private final Map<Path, Path> staged = new LinkedHashMap<>();

        private Batch() {
        }

        public int size() {
            return staged.size();
        }

        public Result add(Output output, Path target, byte[] content) throws IOException {
            return add(output, target, content, true);
        }

        Result add(Output output, Path target, byte[] content, boolean compare) throws IOException {
            discard(target);
            boolean exists;
            if (compare) {
                byte[] current = readIfExists(target);
                if (current != null && Arrays.equals(current, content)) {
                    return new Result.Unchanged();
                }
                exists = current != null;
            } else {
                exists = Files.exists(target);
            }
            Path dir = target.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            Path tmp = dir.resolve("." + target.getFileName() + "." + TEMP_IDS.incrementAndGet() + "." + PID + ".tmp");
            boolean keep = false;
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.wrap(content);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
                if (POSIX) {
                    Files.setPosixFilePermissions(tmp, READABLE);
                }
                Optional<String> refusal = validator.refusal(output, tmp);
                if (refusal.isPresent()) {
                    return new Result.Refused(refusal.get());
                }
                staged.put(target, tmp);
                keep = true;
                return new Result.Written(!exists);
            } finally {
                if (!keep) {
                    Files.deleteIfExists(tmp);
                }
            }
        }

        public boolean isStaged(Path target) {
            return staged.containsKey(target);
        }

        /** Forgets a staged replacement of {@code target} (it is being deleted in the same batch). */
        public void discard(Path target) throws IOException {
            Path tmp = staged.remove(target);
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }

        /** Makes every staged file durable, renames each over its target, then syncs the directories. */
        public void commit() throws IOException {
            if (staged.isEmpty()) {
                return;
            }
            Set<Path> dirs = new LinkedHashSet<>();
            staged.keySet().forEach(t -> dirs.add(t.toAbsolutePath().getParent()));
            if (staged.size() < SYNCFS_THRESHOLD || !syncFileSystems(dirs)) {
                for (Path tmp : staged.values()) {
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                try {
                    Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException ex) {
                    Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            staged.clear();
            // A fresh worker renames into ~10,000 directories (one per overlay): one more syncfs
            // makes all those renames durable far sooner than a fsync of each directory.
            if (dirs.size() < SYNCFS_THRESHOLD || !syncFileSystems(dirs)) {
                dirs.forEach(AtomicFileWriter::syncDirectory);
            }
        }

        @Override
        public void close() throws IOException {
            for (Path tmp : staged.values()) {
                Files.deleteIfExists(tmp);
            }
            staged.clear();
        }
    }

    static byte[] readIfExists(Path p) throws IOException {
        // A stat is far cheaper than the exception a missing file throws, and a fresh worker
        // asks about tens of thousands of missing files.
        if (!Files.exists(p)) {
            return null;
        }
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** syncfs(2) for each distinct file system under {@code dirs}; false if it could not be done. */
    private static boolean syncFileSystems(Set<Path> dirs) {
        Set<Object> stores = new LinkedHashSet<>();
        for (Path d : dirs) {
            try {
                if (stores.add(fileSystemOf(d))) {
                    Process p = new ProcessBuilder("sync", "-f", d.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                        p.destroyForcibly();
                        return false;
                    }
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Which file system {@code dir} is on: its device number where the platform has one (a stat;
     * {@link Files#getFileStore} reads the whole mount table, per directory), else its store.
     */
    private static Object fileSystemOf(Path dir) throws IOException {
        if (POSIX) {
            try {
                return Files.getAttribute(dir, "unix:dev");
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                // no unix view here
            }
        }
        return Files.getFileStore(dir);
    }

    /** Makes renames durable; not every platform lets a directory be opened, which is fine. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the data itself is already on disk.
        }
    }
}
