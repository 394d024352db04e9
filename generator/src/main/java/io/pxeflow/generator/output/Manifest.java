package io.pxeflow.generator.output;

import io.pxeflow.generator.render.Output;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which files each config key owns, kept on disk next to the output. It is how a restarted worker
 * finds the files of nodes that were removed while it was down (their tombstones may already be
 * compacted away), and how pxeflow deletes only files it wrote, never an admin's
 * {@code pxelinux.cfg/default}.
 */
public final class Manifest {
    static final String FILE = ".pxeflow/manifest";

    private final Path file;
    private final TreeMap<String, List<String>> owned = new TreeMap<>();
    private boolean dirty;

    private Manifest(Path file) {
        this.file = file;
    }

    public static Manifest load(Path outputDir) throws IOException {
        Manifest m = new Manifest(outputDir.resolve(FILE));
        byte[] bytes = AtomicFileWriter.readIfExists(m.file);
        if (bytes != null) {
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                int tab = line.indexOf('\t');
                if (line.startsWith("#") || tab < 0) {
                    continue;
                }
                m.owned.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(line.substring(tab + 1));
            }
        }
        return m;
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
            dirty = true;
        }
    }

    public List<String> remove(String key) {
        List<String> old = owned.remove(key);
        if (old != null) {
            dirty = true;
        }
        return old == null ? List.of() : old;
    }

    /** Writes the manifest if it changed since the last save. */
    public void save(AtomicFileWriter writer) throws IOException {
        if (!dirty) {
            return;
        }
        StringBuilder sb = new StringBuilder("# pxeflow generator: config key <TAB> file it owns. Do not edit.\n");
        for (Map.Entry<String, List<String>> e : owned.entrySet()) {
            for (String p : e.getValue()) {
                sb.append(e.getKey()).append('\t').append(p).append('\n');
            }
        }
        writer.write(Output.OVERLAYS, file, sb.toString().getBytes(StandardCharsets.UTF_8));
        dirty = false;
    }
}
