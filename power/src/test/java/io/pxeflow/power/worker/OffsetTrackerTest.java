package io.pxeflow.power.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    @Test
    void commitsUpToTheOldestRequestNotYetDone() {
        OffsetTracker<String> t = new OffsetTracker<>();
        t.read("p0", 10);
        t.read("p0", 11);
        t.read("p0", 12);
        t.read("p1", 3);
        assertEquals(Map.of("p0", 10L, "p1", 3L), t.committable());
        t.done("p0", 11);
        t.done("p1", 3);
        assertEquals(Map.of("p0", 10L, "p1", 4L), t.committable(), "11 is done but 10 is not: a restart redoes 10 and 11");
        t.done("p0", 10);
        assertEquals(Map.of("p0", 12L, "p1", 4L), t.committable());
        t.done("p0", 12);
        assertEquals(Map.of("p0", 13L, "p1", 4L), t.committable());
    }

    @Test
    void aPartitionThatMovedAwayIsForgotten() {
        OffsetTracker<String> t = new OffsetTracker<>();
        t.read("p0", 5);
        t.forget("p0");
        t.done("p0", 5);
        assertEquals(Map.of(), t.committable());
    }
}
