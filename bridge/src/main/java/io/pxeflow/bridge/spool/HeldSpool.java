package io.pxeflow.bridge.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events the bridge holds while it waits to learn their client's node, on disk so that a bridge
 * restarted meanwhile still has them: one file per event ({@code <seq>.rec}, the outbound spool's
 * format), written to a temp file and renamed, deleted once the event is released. Unlike the
 * outbound spool, events leave in any order (each client's queue is released on its own).
 */
public final class HeldSpool {
    private static final Logger LOG = LoggerFactory.getLogger(HeldSpool.class);

    private final Path dir;
    private final boolean fsync;
    private long nextSeq;

    public HeldSpool(Path dir, boolean fsync) {
        this.dir = dir;
        this.fsync = fsync;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Everything a previous run left held, oldest first; temp files of a crash mid-write are removed. */
    public synchronized List<OutboundSpool.Entry> load() {
        TreeMap<Long, Path> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".tmp-")) {
                    Files.deleteIfExists(p);
                } else if (name.matches("\\d{20}\\.rec")) {
                    found.put(Long.parseLong(name.substring(0, 20)), p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        List<OutboundSpool.Entry> out = new ArrayList<>();
        for (var e : found.entrySet()) {
            try {
                out.add(new OutboundSpool.Entry(e.getKey(), OutboundSpool.decode(Files.readAllBytes(e.getValue()))));
            } catch (IOException ex) {
                LOG.error("held event {} is unreadable ({}); removing it", e.getValue(), ex.getMessage());
                remove(e.getKey());
            }
        }
        nextSeq = found.isEmpty() ? 1 : found.lastKey() + 1;
        return out;
    }

    /** Keeps an event; returns its sequence number, or -1 when it could not be written (it is then held in memory only). */
    public synchronized long add(SpoolRecord record) {
        long seq = nextSeq++;
        Path tmp = dir.resolve(".tmp-" + seq);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(OutboundSpool.encode(record));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (fsync) {
                    ch.force(true);
                }
            }
            Files.move(tmp, file(seq), StandardCopyOption.ATOMIC_MOVE);
            return seq;
        } catch (IOException e) {
            LOG.warn("cannot keep a held event on disk ({}); it is held in memory only", e.getMessage());
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the warning above is what matters
            }
            return -1;
        }
    }

    public synchronized void remove(long seq) {
        if (seq < 0) {
            return;
        }
        try {
            Files.deleteIfExists(file(seq));
        } catch (IOException e) {
            LOG.warn("cannot delete held event {}: {}", file(seq), e.getMessage());
        }
    }

    private Path file(long seq) {
        return dir.resolve(String.format("%020d", seq) + ".rec");
    }
}
