package io.pxeflow.simulator.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The SHA-256 of every regular file under a directory, by relative path: what "unchanged" is compared on. */
public final class TreeDigest {
    private TreeDigest() {
    }

    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    /** Paths added, removed or changed between two digests, each with what happened to it. */
    public static List<String> differences(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String p : paths) {
            String a = before.get(p);
            String b = after.get(p);
            if (a == null) {
                out.add("added " + p);
            } else if (b == null) {
                out.add("removed " + p);
            } else if (!a.equals(b)) {
                out.add("changed " + p);
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
