package io.pxeflow.protocol.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MacAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"00:A0:D1:E5:C4:6E", "00-a0-d1-e5-c4-6e", "00a0.d1e5.c46e", "00a0d1e5c46e", "00A0D1E5C46E",
        " 00:a0:d1:e5:c4:6e ", "0:a0:d1:e5:c4:6e"})
    void acceptedSpellingsNormaliseToLowerCaseColons(String spelling) {
        assertEquals("00:a0:d1:e5:c4:6e", MacAddress.of(spelling).value());
        assertTrue(MacAddress.isValid(spelling));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "junk", "00:a0:d1:e5:c4", "00:a0:d1:e5:c4:6e:7f", "00:a0:d1:e5:c4:6g",
        "00:a0:d1\n:e5:c4:6e", "00:a0:d1:e5:c4\n6e", "00a0d1e5c46", "00a0d1e5c46e0", "00a0.d1e5c46e",
        "00:a0-d1:e5:c4:6e:", "000:a0:d1:e5:c4:6e", "00:a0:d1:e5:c4:6e;reboot",
        "ff:ff:ff:ff:ff:ff", "FFFF.FFFF.FFFF", "01:00:5e:00:00:fb", "33:33:00:00:00:01", "03:00:00:00:00:01",
        "00:00:00:00:00:00", "000000000000", "00:a0-d1:e5:c4:6e", "00-a0:d1-e5:c4-6e"})
    void rejectsAnythingElse(String text) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> MacAddress.of(text));
        assertEquals("mac", e.field());
        assertFalse(MacAddress.isValid(text));
    }

    /** Blanks around the value are trimmed; a newline or other control character is refused. */
    @Test
    void surroundingBlanksAreTrimmedButControlCharactersRefused() {
        assertEquals("00:a0:d1:e5:c4:6e", MacAddress.of(" 00:a0:d1:e5:c4:6e ").value());
        assertEquals("00:a0:d1:e5:c4:6e", MacAddress.of("\t00a0d1e5c46e").value());
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
            () -> MacAddress.of("00:a0:d1:e5:c4:6e\n"));
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
    }

    @Test
    void nullIsMissing() {
        assertEquals("mac: missing", assertThrows(InvalidFieldException.class, () -> MacAddress.of(null)).getMessage());
    }

    @Test
    void bootFileNames() {
        MacAddress mac = MacAddress.of("00:A0:D1:E5:C4:6E");
        assertEquals("01-00-a0-d1-e5-c4-6e", mac.pxelinuxName());
        assertEquals("00-a0-d1-e5-c4-6e", mac.dashed());
        assertEquals("00:a0:d1:e5:c4:6e", mac.toString());
    }

    @Test
    void spellingsOfOneAddressAreEqualAndOrderedByValue() {
        assertEquals(MacAddress.of("00a0.d1e5.c46e"), MacAddress.of("00-A0-D1-E5-C4-6E"));
        assertTrue(MacAddress.of("00:00:00:00:00:01").compareTo(MacAddress.of("00:00:00:00:00:02")) < 0);
    }
}
