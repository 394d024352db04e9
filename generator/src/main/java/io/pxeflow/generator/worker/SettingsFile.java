package io.pxeflow.generator.worker;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** A worker's {@code --config FILE}: Java properties read into the flat map its settings are built from. */
public final class SettingsFile {
    private SettingsFile() {
    }

    /** The file's keys and values; an empty map when {@code file} is null. */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        }
        return m;
    }
}
