package io.pxeflow.generator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest saves what changed as appended chunks, and a restart reads back exactly what was saved. */
class ManifestTest {
    private final AtomicFileWriter writer = new AtomicFileWriter(PreSwapValidator.NONE);

    @TempDir
    Path out;

    @Test
    void aChangeIsAppendedNotTheWholeListing_andReadBackAfterARestart() throws IOException {
        Manifest m = Manifest.load(out);
        for (int i = 0; i < 1000; i++) {
            m.put("n" + i, List.of("tftpboot/pxelinux.cfg/n" + i, "dnsmasq/hosts.d/n" + i));
        }
        m.save(writer);
        long listing = Files.size(file());

        m.put("n5", List.of("tftpboot/pxelinux.cfg/moved5", "dnsmasq/hosts.d/n5"));
        m.remove("n7");
        m.save(writer);

        assertTrue(Files.size(file()) - listing < 200, "two keys' lines appended, not 2,000 rewritten");
        Manifest restarted = Manifest.load(out);
        assertEquals(List.of("dnsmasq/hosts.d/n5", "tftpboot/pxelinux.cfg/moved5"), restarted.paths("n5"));
        assertEquals(List.of(), restarted.paths("n7"));
        assertEquals(999, restarted.keys().size());
        assertEquals(listing(m), listing(restarted));
    }

    @Test
    void aChunkAKillCutShortIsIgnored_andTheNextSaveWritesTheWholeListing() throws IOException {
        Manifest m = Manifest.load(out);
        m.put("n1", List.of("a/n1"));
        m.put("n2", List.of("a/n2"));
        m.save(writer);
        Files.writeString(file(), "!n1\nn1\ta/half", StandardOpenOption.APPEND);

        Manifest restarted = Manifest.load(out);
        assertEquals(List.of("a/n1"), restarted.paths("n1"), "the cut chunk is not applied");
        restarted.put("n3", List.of("a/n3"));
        restarted.save(writer);

        String text = Files.readString(file());
        assertFalse(text.contains("half"), text);
        assertEquals(Map.of("n1", List.of("a/n1"), "n2", List.of("a/n2"), "n3", List.of("a/n3")),
            listing(Manifest.load(out)));
    }

    @Test
    void anOlderPlainListingIsReadAndRewrittenAtTheFirstSave() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "# pxeflow generator: config key <TAB> file it owns. Do not edit.\n"
            + "n1\ta/n1\nn1\tb/n1\nn2\ta/n2\n");

        Manifest m = Manifest.load(out);
        assertEquals(List.of("a/n1", "b/n1"), m.paths("n1"));
        m.put("n2", List.of("c/n2"));
        m.save(writer);

        assertTrue(Files.readString(file()).endsWith("n2\tc/n2\n.\n"), Files.readString(file()));
        assertEquals(Map.of("n1", List.of("a/n1", "b/n1"), "n2", List.of("c/n2")), listing(Manifest.load(out)));
    }

    @Test
    void chunksAreCompactedOnceTheyOutgrowTheListing() throws IOException {
        Manifest m = Manifest.load(out, 100);
        for (int i = 0; i < 50; i++) {
            m.put("n" + i, List.of("a/n" + i));
        }
        m.save(writer);
        for (int i = 0; i < 200; i++) {
            m.put("n" + (i % 50), List.of("a/" + i));
            m.save(writer);
        }
        long lines = Files.readAllLines(file()).size();
        assertTrue(lines < 160, "compacted: " + lines + " lines for a 50-line listing and 200 three-line chunks");
        assertEquals(listing(m), listing(Manifest.load(out)));
    }

    private Path file() {
        return out.resolve(Manifest.FILE);
    }

    private static Map<String, List<String>> listing(Manifest m) {
        Map<String, List<String>> out = new TreeMap<>();
        m.keys().forEach(k -> out.put(k, m.paths(k)));
        return out;
    }
}
