package io.pxeflow.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jars staged for the packages (target/staging, at process-resources) start as the packaged
 * launchers start them: {@code java -jar /usr/share/pxeflow/NAME.jar}, whose manifest class path
 * must find every jar in lib/ beside it. A version mediated differently here than in the module
 * that wrote the manifest would otherwise only show as a ClassNotFoundException on a head node.
 */
class StagedJarsTest {
    private static final Path SHARE = Path.of("target/staging/share");

    @ParameterizedTest
    @ValueSource(strings = {"pxeflow-headnode.jar", "pxeflow-ctl.jar"})
    void everyClassPathEntryOfTheManifestIsStaged(String jar) throws IOException {
        List<String> missing = new ArrayList<>();
        try (JarFile j = new JarFile(SHARE.resolve(jar).toFile())) {
            Manifest m = j.getManifest();
            assertNotNull(m.getMainAttributes().getValue("Main-Class"), jar + " names its main class");
            String cp = m.getMainAttributes().getValue("Class-Path");
            assertNotNull(cp, jar + " has a Class-Path");
            for (String entry : cp.trim().split("\\s+")) {
                if (!Files.isRegularFile(SHARE.resolve(entry))) {
                    missing.add(entry);
                }
            }
        }
        assertEquals(List.of(), missing, jar + ": Class-Path entries not in " + SHARE.resolve("lib"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pxeflow-reporter.jar"})
    void theReporterJarStandsAlone(String jar) throws IOException {
        try (JarFile j = new JarFile(SHARE.resolve(jar).toFile())) {
            assertEquals("io.pxeflow.reporter.ReporterMain", j.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(j.getJarEntry("picocli/CommandLine.class") != null, "its dependencies are inside it");
        }
    }
}
