package io.pxeflow.bridge.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one log file like {@code tail -F}: survives rotation by rename (the old file is read
 * to its end before the new one is opened) and truncation (copytruncate: start again at 0).
 * Only complete lines are returned. The position (file identity + byte offset) is saved to a
 * small file when the caller {@link #commit()}s, i.e. after the lines' events are safe, so a
 * restart neither loses nor repeats lines. Without a saved position it starts at the end of the
 * file (or the beginning, if asked): a new bridge should not replay a year of syslog.
 */
public final class LogTailer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogTailer.class);
    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final Path positionFile;
    private final boolean fromEnd;
    private final int maxLineBytes;
    private FileChannel channel;
    private String fileKey;
    private long offset;
    private long committedOffset = -1;
    private String committedKey;
    private boolean skippingLongLine;
    private long tooLong;

    public LogTailer(Path file, Path positionFile, boolean fromEnd, int maxLineBytes) {
        this.file = file;
        this.positionFile = positionFile;
        this.fromEnd = fromEnd;
        this.maxLineBytes = maxLineBytes;
    }

    public Path file() {
        return file;
    }

    /** Lines longer than the limit skipped so far. */
    public long tooLongLines() {
        return tooLong;
    }

    /** Reads up to {@code maxLines} new complete lines; never blocks on an absent file. */
    public List<String> poll(int maxLines) throws IOException {
        List<String> lines = new ArrayList<>();
        if (channel == null && !open()) {
            return lines;
        }
        if (channel.size() < offset) {
            LOG.info("{} was truncated (size {} < position {}); reading it from the start", file, channel.size(), offset);
            offset = 0;
            skippingLongLine = false;
        }
        readLines(lines, maxLines);
        if (lines.size() < maxLines && offset >= channel.size()) {
            String current = keyOf(file);
            if (current != null && !current.equals(fileKey)) {
                // Rotated: everything of the old file has been read (we held it open); switch.
                LOG.info("{} was rotated; following the new file", file);
                channel.close();
                channel = null;
                if (open(current, 0)) {
                    readLines(lines, maxLines);
                }
            }
        }
        return lines;
    }

    /** Saves the position after the lines returned so far: their events are safe. */
    public void commit() throws IOException {
        if (channel == null || (offset == committedOffset && Objects.equals(fileKey, committedKey))) {
            return;
        }
        Files.createDirectories(positionFile.getParent());
        Path tmp = positionFile.resolveSibling(positionFile.getFileName() + ".tmp");
        Files.writeString(tmp, fileKey + " " + offset + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, positionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committedOffset = offset;
        committedKey = fileKey;
    }

    private boolean open() throws IOException {
        String key = keyOf(file);
        if (key == null) {
            return false;
        }
        long start = fromEnd ? Files.size(file) : 0;
        if (Files.exists(positionFile)) {
            String[] saved = Files.readString(positionFile, StandardCharsets.UTF_8).strip().split(" (?=\\d+$)");
            if (saved.length == 2 && saved[0].equals(key)) {
                start = Long.parseLong(saved[1]);
            } else {
                // Rotated while we were down: the new file is all unread. (Lines the old file
                // got after our last commit are in the rotated copy and are not chased.)
                start = 0;
            }
        }
        return open(key, start);
    }

    private boolean open(String key, long start) throws IOException {
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return false;
        }
        fileKey = key;
        offset = Math.min(start, channel.size());
        return true;
    }

    private void readLines(List<String> lines, int maxLines) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        while (lines.size() < maxLines) {
            buf.clear();
            int n = channel.read(buf, offset);
            if (n <= 0) {
                return;
            }
            byte[] b = buf.array();
            int lineStart = 0;
            int consumed = 0;
            for (int i = 0; i < n && lines.size() < maxLines; i++) {
                if (b[i] == '\n') {
                    if (skippingLongLine) {
                        skippingLongLine = false;
                    } else {
                        int end = i > lineStart && b[i - 1] == '\r' ? i - 1 : i;
                        lines.add(new String(b, lineStart, end - lineStart, StandardCharsets.UTF_8));
                    }
                    lineStart = i + 1;
                    consumed = i + 1;
                }
            }
            if (consumed == 0) {
                if (n == CHUNK || n > maxLineBytes) {
                    // No newline in a whole chunk: a runaway line. Skip it rather than stall.
                    if (!skippingLongLine) {
                        tooLong++;
                        LOG.warn("{}: skipping a line longer than {} bytes at offset {}", file, maxLineBytes, offset);
                    }
                    skippingLongLine = true;
                    offset += n;
                    continue;
                }
                return; // an incomplete last line: wait for the writer to finish it
            }
            offset += consumed;
        }
    }

    private static String keyOf(Path p) {
        try {
            Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            return key == null ? "nokey" : key.toString().replace(' ', '_');
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
