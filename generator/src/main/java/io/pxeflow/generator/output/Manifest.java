package io.pxeflow.generator.output;

import io.pxeflow.generator.render.Output;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which files each config key owns, kept on disk next to the output. It is how a restarted worker
 * finds the files of nodes that were removed while it was down (their tombstones may already be
 * compacted away), and how pxeflow deletes only files it wrote, never an admin's
 * {@code pxelinux.cfg/default}.
 *
 * <p>At 100,000 nodes it lists some 800,000 files (40 MB), so a change is not saved by rewriting
 * it: each save appends the keys that changed as one chunk, {@code !KEY} (forget the key) then
 * {@code KEY<TAB>PATH} for each file it owns now, closed by a line {@code .}; a chunk a kill cut
 * short has no {@code .} and is ignored on load. Once the chunks outgrow the listing, the whole
 * listing is written again (temp file and rename), so a save costs what changed, amortised.
 * A manifest without any {@code .} line is a plain listing, as older generators wrote it.
 */
public final class Manifest {
    static final String FILE = ".pxeflow/manifest";
    private static final String HEADER = "# pxeflow generator: config key <TAB> file it owns; appended chunks end with"
        + " a '.' line. Do not edit.\n";
    private static final String FORGET = "!";
    private static final String END = ".";
    /** Chunks are compacted away once they hold more lines than this, or than the listing. */
    private static final int MIN_COMPACTION = 10_000;

    private final Path file;
    private final int minCompaction;
    private final TreeMap<String, List<String>> owned = new TreeMap<>();
    /** Keys changed since the last save, with their paths now (empty: removed). */
    private final Map<String, List<String>> pending = new LinkedHashMap<>();
    private int listed;
    private long appended;
    private boolean rewrite;

    private Manifest(Path file, int minCompaction) {
        this.file = file;
        this.minCompaction = minCompaction;
    }

    public static Manifest load(Path outputDir) throws IOException {
        return load(outputDir, MIN_COMPACTION);
    }

    static Manifest load(Path outputDir, int minCompaction) throws IOException {
        Manifest m = new Manifest(outputDir.resolve(FILE), minCompaction);
        byte[] bytes = AtomicFileWriter.readIfExists(m.file);
        if (bytes == null) {
            return m;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean chunked = text.startsWith(END + "\n") || text.contains("\n" + END + "\n");
        List<String> chunk = new ArrayList<>();
        int lines = 0;
        int end = text.lastIndexOf('\n');
        // A last line without its newline was cut short by a kill: never complete, never applied.
        for (String line : end < 0 ? new String[0] : text.substring(0, end).split("\n")) {
            lines++;
            if (line.equals(END)) {
                chunk.forEach(m::apply);
                chunk.clear();
            } else if (!line.startsWith("#")) {
                chunk.add(line);
            }
        }
        if (!chunked) {
            chunk.forEach(m::apply);
        }
        // An older plain listing, or a chunk cut short (the next append would run on from its
        // broken last line): the first save writes the whole listing instead of appending.
        m.rewrite = !text.endsWith("\n" + END + "\n");
        m.listed = m.owned.values().stream().mapToInt(List::size).sum();
        m.appended = Math.max(0, lines - m.listed);
        return m;
    }

    private void apply(String line) {
        if (line.startsWith(FORGET)) {
            owned.remove(line.substring(1));
            return;
        }
        int tab = line.indexOf('\t');
        if (tab > 0) {
            owned.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(line.substring(tab + 1));
        }
    }

    public List<String> paths(String key) {
        return owned.getOrDefault(key, List.of());
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(owned.keySet());
    }

    public void put(String key, List<String> paths) {
        List<String> sorted = new ArrayList<>(paths);
        Collections.sort(sorted);
        List<String> old = sorted.isEmpty() ? owned.remove(key) : owned.put(key, sorted);
        if (!sorted.equals(old == null ? List.of() : old)) {
            pending.put(key, sorted);
        }
    }

    public List<String> remove(String key) {
        List<String> old = owned.remove(key);
        if (old != null) {
            pending.put(key, List.of());
        }
        return old == null ? List.of() : old;
    }

    /**
     * Makes what changed since the last save durable: appended as one chunk, or the whole listing
     * written again when the chunks have outgrown it (or the file is missing or an older format).
     */
    public void save(AtomicFileWriter writer) throws IOException {
        if (pending.isEmpty() && !rewrite) {
            return;
        }
        long lines = 0;
        for (List<String> p : pending.values()) {
            lines += 1 + p.size();
        }
        int live = owned.values().stream().mapToInt(List::size).sum();
        if (rewrite || !Files.exists(file) || appended + lines > Math.max(minCompaction, live)) {
            writeListing(writer, live);
        } else {
            append(lines);
        }
        pending.clear();
    }

    private void writeListing(AtomicFileWriter writer, int live) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER);
        for (Map.Entry<String, List<String>> e : owned.entrySet()) {
            for (String p : e.getValue()) {
                sb.append(e.getKey()).append('\t').append(p).append('\n');
            }
        }
        sb.append(END).append('\n');
        writer.write(Output.OVERLAYS, file, sb.toString().getBytes(StandardCharsets.UTF_8));
        listed = live;
        appended = 0;
        rewrite = false;
    }

    private void append(long lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> e : pending.entrySet()) {
            sb.append(FORGET).append(e.getKey()).append('\n');
            for (String p : e.getValue()) {
                sb.append(e.getKey()).append('\t').append(p).append('\n');
            }
        }
        sb.append(END).append('\n');
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        } catch (IOException e) {
            // The chunk may be half written: the next save writes the whole listing instead.
            rewrite = true;
            throw e;
        }
        appended += lines + 1;
    }
}
