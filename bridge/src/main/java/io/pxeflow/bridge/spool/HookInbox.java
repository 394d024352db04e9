package io.pxeflow.bridge.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory {@code bin/pxeflow-dnsmasq-hook} drops its files into. Files are named
 * {@code <unix-nanoseconds>-<pid>.hook} and taken in that order; the hook's temp files
 * ({@code .tmp.*}) are invisible until renamed. The daemon deletes a file once its event is
 * in Kafka or in the outbound spool.
 */
public final class HookInbox {
    private static final Pattern NAME = Pattern.compile("(\\d{1,22})-(\\d{1,10})\\.hook");
    private static final Comparator<Path> ORDER = Comparator
        .comparing((Path p) -> new java.math.BigInteger(part(p, 1)))
        .thenComparingLong(p -> Long.parseLong(part(p, 2)));

    private final Path dir;

    public HookInbox(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create hook spool " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The oldest {@code max} complete hook files, oldest first. */
    public List<Path> next(int max) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(files::add);
        }
        files.sort(ORDER);
        return files.size() > max ? files.subList(0, max) : files;
    }

    private static String part(Path p, int group) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException(p.toString());
        }
        return m.group(group);
    }
}
