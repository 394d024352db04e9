package io.pxeflow.bridge.spool;

import io.pxeflow.bridge.BridgeMetrics;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events that could not be produced yet, kept on disk in order: one small file per record named
 * by a 20-digit, monotonically increasing sequence ({@code 00000000000000000042.rec}), written
 * to a temp file and renamed so a crash never leaves half a record. Survives restarts: the
 * directory is the state.
 *
 * <p>Bounded by record count and bytes. When full, the <em>oldest</em> record is dropped, with
 * a WARN and the {@code dropped} counter: during a long Kafka outage the freshest evidence
 * (the node's latest DISCOVER or config fetch) is what the controller needs when Kafka
 * returns; an hour-old DISCOVER is worth less. Appending never blocks, so neither does the DHCP
 * server's hook.
 */
public final class OutboundSpool {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundSpool.class);
    private static final int MAGIC = 0x50585331; // "PXS1"
    private static final String SUFFIX = ".rec";

    /** A spooled record and its sequence number. */
    public record Entry(long seq, SpoolRecord record) {
    }

    private final Path dir;
    private final long maxRecords;
    private final long maxBytes;
    private final boolean fsync;
    private final BridgeMetrics metrics;
    /** seq -> file size; the in-memory index of what is on disk. */
    private final TreeMap<Long, Long> index = new TreeMap<>();
    private long bytes;
    private long nextSeq;
    private long droppedSinceWarn;

    public OutboundSpool(Path dir, long maxRecords, long maxBytes, boolean fsync, BridgeMetrics metrics) {
        if (maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("spool bounds must be positive");
        }
        this.dir = dir;
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.fsync = fsync;
        this.metrics = metrics;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(".tmp-")) {
                        Files.deleteIfExists(p); // a crash mid-write: the record was never acknowledged
                    } else if (name.matches("\\d{20}\\.rec")) {
                        long size = Files.size(p);
                        index.put(Long.parseLong(name.substring(0, 20)), size);
                        bytes += size;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open spool " + dir, e);
        }
        nextSeq = index.isEmpty() ? 1 : index.lastKey() + 1;
        metrics.spoolDepth(index.size(), bytes);
        if (!index.isEmpty()) {
            LOG.info("spool {} holds {} undelivered events ({} bytes) from a previous run", dir, index.size(), bytes);
        }
    }

    public synchronized boolean isEmpty() {
        return index.isEmpty();
    }

    public synchronized int size() {
        return index.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** Appends in order; when full drops the oldest records to make room (see the class comment). */
    public synchronized void append(SpoolRecord record) {
        byte[] data = encode(record);
        if (data.length > maxBytes) {
            drop(1, "an event of " + data.length + " bytes is larger than the whole spool");
            return;
        }
        while (!index.isEmpty() && (index.size() + 1 > maxRecords || bytes + data.length > maxBytes)) {
            removeFile(index.firstKey());
            drop(1, "spool full");
        }
        long seq = nextSeq++;
        Path tmp = dir.resolve(".tmp-" + seq);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (fsync) {
                    ch.force(true);
                }
            }
            Files.move(tmp, file(seq), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to do; the drop below is what matters
            }
            drop(1, "cannot write " + file(seq) + ": " + e.getMessage());
            return;
        }
        index.put(seq, (long) data.length);
        bytes += data.length;
        metrics.spooled(1);
        metrics.spoolDepth(index.size(), bytes);
    }

    /** The oldest {@code max} records, in order. Unreadable files are reported and removed. */
    public synchronized List<Entry> peek(int max) {
        List<Entry> out = new ArrayList<>();
        for (Long seq : new ArrayList<>(index.keySet())) {
            if (out.size() >= max) {
                break;
            }
            try {
                out.add(new Entry(seq, decode(Files.readAllBytes(file(seq)))));
            } catch (IOException e) {
                LOG.error("spool file {} is unreadable ({}); removing it", file(seq), e.getMessage());
                removeFile(seq);
                metrics.dropped(1);
            }
        }
        return out;
    }

    /** Removes records up to and including {@code seq}: they were acknowledged by Kafka. */
    public synchronized void removeThrough(long seq) {
        while (!index.isEmpty() && index.firstKey() <= seq) {
            removeFile(index.firstKey());
        }
        metrics.spoolDepth(index.size(), bytes);
    }

    private void removeFile(long seq) {
        Long size = index.remove(seq);
        if (size != null) {
            bytes -= size;
        }
        try {
            Files.deleteIfExists(file(seq));
        } catch (IOException e) {
            LOG.warn("cannot delete spool file {}: {}", file(seq), e.getMessage());
        }
    }

    /** Loud, but not a line per event: the first drop, then every 1000th. */
    private void drop(int n, String why) {
        metrics.dropped(n);
        if (droppedSinceWarn % 1000 == 0) {
            LOG.warn("DROPPING pxeflow events: {} (bounds: {} events / {} bytes; {} dropped so far). "
                + "Kafka has been unreachable long enough to fill {}", why, maxRecords, maxBytes,
                metrics.snapshot().getOrDefault("events_dropped", 0L), dir);
        }
        droppedSinceWarn++;
    }

    private Path file(long seq) {
        return dir.resolve(String.format("%020d", seq) + SUFFIX);
    }

    static byte[] encode(SpoolRecord r) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream(64 + r.value().length);
            DataOutputStream out = new DataOutputStream(bos);
            out.writeInt(MAGIC);
            out.writeUTF(r.topic());
            out.writeUTF(r.key());
            out.writeInt(r.value().length);
            out.write(r.value());
            CRC32 crc = new CRC32();
            crc.update(bos.toByteArray());
            out.writeLong(crc.getValue());
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SpoolRecord decode(byte[] data) throws IOException {
        if (data.length < 8 + 4) {
            throw new IOException("truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(data, data.length - 8, 8).getLong()) {
            throw new IOException("checksum mismatch");
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data, 0, data.length - 8));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a spool record");
        }
        String topic = in.readUTF();
        String key = in.readUTF();
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return new SpoolRecord(topic, key, value);
    }
}
