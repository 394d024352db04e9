package io.pxeflow.reporter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The reporter's version, written into version.properties by the build. */
public final class Version {
    public static final String REPORTER = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            // An unfiltered resource (IDE build) still says "${project.version}".
            return v.startsWith("$") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
