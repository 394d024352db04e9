package io.pxeflow.bridge.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailerTest {
    @TempDir
    Path dir;

    private Path log() {
        return dir.resolve("syslog");
    }

    private Path pos() {
        return dir.resolve("positions/syslog.pos");
    }

    private void append(String s) throws Exception {
        Files.writeString(log(), s, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void startsAtTheEndAndReturnsOnlyCompleteLines() throws Exception {
        append("old line\n");
        try (LogTailer t = new LogTailer(log(), pos(), true, 16384)) {
            assertEquals(List.of(), t.poll(100));
            append("one\ntw");
            assertEquals(List.of("one"), t.poll(100));
            append("o\r\n");
            assertEquals(List.of("two"), t.poll(100));
        }
    }

    @Test
    void aRestartResumesAtTheCommittedPositionNeitherLosingNorRepeating() throws Exception {
        append("a\n");
        try (LogTailer t = new LogTailer(log(), pos(), false, 16384)) {
            assertEquals(List.of("a"), t.poll(100));
            t.commit();
            append("b\n");
            assertEquals(List.of("b"), t.poll(100));
            // not committed: the events of "b" were not safe yet
        }
        append("c\n");
        try (LogTailer t = new LogTailer(log(), pos(), true, 16384)) {
            assertEquals(List.of("b", "c"), t.poll(100));
        }
    }

    @Test
    void followsRotationByRenameReadingTheOldFileToItsEnd() throws Exception {
        append("1\n");
        try (LogTailer t = new LogTailer(log(), pos(), false, 16384)) {
            assertEquals(List.of("1"), t.poll(100));
            append("2\n");
            Files.move(log(), dir.resolve("syslog.1"));
            append("3\n");
            assertEquals(List.of("2", "3"), t.poll(100));
            t.commit();
            append("4\n");
            assertEquals(List.of("4"), t.poll(100));
        }
    }

    @Test
    void rotationWhileStoppedReadsTheNewFileFromItsStart() throws Exception {
        append("1\n");
        try (LogTailer t = new LogTailer(log(), pos(), false, 16384)) {
            t.poll(100);
            t.commit();
        }
        Files.move(log(), dir.resolve("syslog.1"));
        append("fresh\n");
        try (LogTailer t = new LogTailer(log(), pos(), true, 16384)) {
            assertEquals(List.of("fresh"), t.poll(100));
        }
    }

    @Test
    void truncationStartsOverAndAMissingFileIsNotAnError() throws Exception {
        try (LogTailer t = new LogTailer(log(), pos(), false, 16384)) {
            assertEquals(List.of(), t.poll(100));
            append("aaaa\nbbbb\n");
            assertEquals(List.of("aaaa", "bbbb"), t.poll(100));
            Files.writeString(log(), "c\n"); // copytruncate
            assertEquals(List.of("c"), t.poll(100));
        }
    }

    @Test
    void aRunawayLineIsSkipped() throws Exception {
        try (LogTailer t = new LogTailer(log(), pos(), false, 1024)) {
            append("x".repeat(200_000) + "\nafter\n");
            assertEquals(List.of("after"), t.poll(100));
            assertEquals(1, t.tooLongLines());
        }
    }
}
