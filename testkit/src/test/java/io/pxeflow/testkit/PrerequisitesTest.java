package io.pxeflow.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class PrerequisitesTest {
    @Test
    void aMetPrerequisiteNeitherSkipsNorFails() {
        assertDoesNotThrow(() -> Prerequisites.require(true, () -> "never asked"));
    }

    @Test
    void aMissingOneSkipsWithItsReasonOrFailsUnderTheSwitch() {
        Throwable t = assertThrows(Throwable.class, () -> Prerequisites.require(false, () -> "frobnicate is not installed"));
        if (Prerequisites.required(System.getenv(), Prerequisites.REQUIRE_ALL)) {
            assertEquals(AssertionError.class, t.getClass());
            assertEquals("PXEFLOW_REQUIRE_ALL is set, so this test may not skip: frobnicate is not installed", t.getMessage());
        } else {
            assertEquals(TestAbortedException.class, t.getClass());
            assertEquals("missing prerequisite: frobnicate is not installed", t.getMessage());
        }
    }

    @Test
    void theSwitchIsOnForAnyValueButEmptyZeroOrFalse() {
        for (String on : new String[] {"1", "yes", "true", " 1 "}) {
            assertTrue(Prerequisites.required(Map.of("S", on), "S"), on);
        }
        for (String off : new String[] {"", " ", "0", "false", "FALSE"}) {
            assertFalse(Prerequisites.required(Map.of("S", off), "S"), "'" + off + "'");
        }
        assertFalse(Prerequisites.required(Map.of(), "S"));
    }
}
