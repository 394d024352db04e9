package io.pxeflow.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.generator.Fixtures;
import io.pxeflow.generator.output.ConfigChange;
import io.pxeflow.generator.output.GeneratedTree;
import io.pxeflow.generator.output.PreSwapValidator;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output for the seeds' kinds of node, compared byte for byte with files under
 * src/test/resources/golden. After an intended change, regenerate them with
 * {@code mvn -o -pl generator test -Dtest=GoldenFilesTest -Dgolden.update=true} and review the diff.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path out;

    @Test
    void installOnceNodeAtStagePxeWithDisklessLocalAndDevices() throws IOException {
        check("stage-pxe", Fixtures.installOnce(BootStage.PXE));
    }

    @Test
    void installOnceNodeAfterItsStageFlippedToLocal() throws IOException {
        check("stage-local", Fixtures.installOnce(BootStage.LOCAL));
    }

    private void check(String scenario, NodeBootConfig installOnce) throws IOException {
        List<ConfigChange> changes = new ArrayList<>();
        List<ConfigRecord> records = new ArrayList<>();
        records.add(Fixtures.diskless());
        records.add(installOnce);
        records.add(Fixtures.local());
        records.addAll(Fixtures.hosts());
        records.forEach(r -> changes.add(ConfigChange.of(r.key(), r)));
        GeneratedTree tree = new GeneratedTree(Fixtures.settings(out), PreSwapValidator.NONE,
            Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
        tree.apply(changes, true);

        Path golden = GOLDEN.resolve(scenario);
        TreeSet<String> actual = files(out);
        if (Boolean.getBoolean("golden.update")) {
            for (String rel : actual) {
                Path g = golden.resolve(rel);
                Files.createDirectories(g.getParent());
                Files.writeString(g, normalised(out.resolve(rel)));
            }
        }
        assertEquals(files(golden), actual, "the set of generated files");
        for (String rel : actual) {
            assertEquals(Files.readString(golden.resolve(rel)), normalised(out.resolve(rel)), rel);
        }
        assertTrue(actual.contains("dhcpd.conf"));
    }

    /** Paths under the temp output directory differ per run; golden files say /OUTPUT. */
    private String normalised(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8).replace(out.toString(), "/OUTPUT");
    }

    private static TreeSet<String> files(Path dir) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(dir.relativize(p).toString()));
        }
        return out;
    }
}
