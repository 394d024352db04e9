package io.pxeflow.reporter.collect;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Fixture copies of /proc and /sys under src/test/resources/fixtures/CASE. */
public final class Fixtures {
    private Fixtures() {
    }

    public static ProcFs fs(String fixture) {
        return new ProcFs(root(fixture));
    }

    public static Path root(String fixture) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + fixture).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** statvfs stand-in: every filesystem is 100 GiB with sizes derived from its mount point, so tests can predict them. */
    public static SpaceProbe probe() {
        return m -> new SpaceProbe.Space(100L << 30, (m.mountPoint().length() + 1L) << 20, m.mountPoint().length() << 20);
    }

    public static Map<String, String> mountTable(List<MountEntry> mounts) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        mounts.forEach(m -> out.put(m.mountPoint(), m.type() + " " + m.source()));
        return out;
    }
}
