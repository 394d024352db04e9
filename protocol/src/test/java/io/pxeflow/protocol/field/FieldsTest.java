package io.pxeflow.protocol.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldsTest {
    static final String LABEL_63 = "a".repeat(63);

    @ParameterizedTest
    @ValueSource(strings = {"node15", "n", "node-15", "15", "node15.cluster.example", "A-b-C", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void hostnamesOfRfc1123(String name) {
        assertEquals(name, Fields.hostname("node", name));
        assertTrue(Fields.isHostname(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-node", "node-", "node_15", "node;15", "node}", "\"node\"", "'node'", "node 15",
        "node\n15", "node15.", ".node15", "a..b", "nöde", "node/15"})
    void hostnamesRefused(String name) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> Fields.hostname("node", name));
        assertEquals("node", e.field());
        assertFalse(Fields.isHostname(name));
    }

    @Test
    void hostnameLengthLimits() {
        assertThrows(InvalidFieldException.class, () -> Fields.hostname("node", "a".repeat(64)));
        String name253 = String.join(".", LABEL_63, LABEL_63, LABEL_63, "a".repeat(61));
        assertEquals(253, name253.length());
        assertEquals(name253, Fields.hostname("node", name253));
        assertThrows(InvalidFieldException.class, () -> Fields.hostname("node", name253 + "a"));
        assertThrows(InvalidFieldException.class, () -> Fields.hostname("node", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw root=/dev/ram0", "ks=\"nfs:h:/k s.cfg\" quiet", "a='b'", "", "console=ttyS0,115200n8 =x"})
    void cmdlinesMayHoldQuotesAndEquals(String cmdline) {
        assertEquals(cmdline, Fields.cmdline("kernelcommandline", cmdline));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw\nreboot", "rw\r", "a\tb", "a\u0000", "a\u007f", "a\u0085", "a\u2028b", "a\u001b[2J"})
    void cmdlinesRefuseControlCharacters(String cmdline) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> Fields.cmdline("kernelcommandline", cmdline));
        assertEquals("kernelcommandline", e.field());
        assertFalse(e.getMessage().contains("\n"), "the message itself must stay on one line");
    }

    @Test
    void cmdlineLengthAndNull() {
        assertThrows(InvalidFieldException.class, () -> Fields.cmdline("c", "x".repeat(Fields.MAX_CMDLINE + 1)));
        assertEquals(Fields.MAX_CMDLINE, Fields.cmdline("c", "x".repeat(Fields.MAX_CMDLINE)).length());
        assertThrows(InvalidFieldException.class, () -> Fields.cmdline("c", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/boot/vmlinuz", "none", "/var/beowulf/boot/memtest86+-4.00.bin", "images/el9/initrd.img",
        "nfs:10.0.0.1:/export", "a=b,c~d@e%f"})
    void pathsAccepted(String path) {
        assertEquals(path, Fields.path("kernelimage", path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/boot/../etc/shadow", "..", "/boot/vm linuz", "/boot/a;reboot", "/boot/\"a\"", "/boot/'a'",
        "/boot/a\n", "/boot/a$b", "/boot/a*", "/boot\\a", "/boot/a|b"})
    void pathsRefused(String path) {
        assertEquals("kernelimage", assertThrows(InvalidFieldException.class, () -> Fields.path("kernelimage", path)).field());
    }

    @Test
    void namesAndTokens() {
        assertEquals("centos5u4", Fields.name("class", "centos5u4"));
        assertThrows(InvalidFieldException.class, () -> Fields.name("class", "x;y"));
        assertThrows(InvalidFieldException.class, () -> Fields.name("class", "-x"));
        assertThrows(InvalidFieldException.class, () -> Fields.name("class", "a".repeat(64)));
        assertEquals("req-1:ab/c@d", Fields.token("requestId", "req-1:ab/c@d"));
        assertThrows(InvalidFieldException.class, () -> Fields.token("requestId", "a b"));
    }

    @Test
    void textIsOptionalButBounded() {
        assertNull(Fields.text("vendorClass", null, 10));
        assertEquals("PXEClient", Fields.text("vendorClass", "PXEClient", 10));
        assertThrows(InvalidFieldException.class, () -> Fields.text("vendorClass", "PXEClient:Arch", 10));
        assertThrows(InvalidFieldException.class, () -> Fields.text("vendorClass", "a\nb", 10));
    }

    @Test
    void printableEscapesAndBounds() {
        assertEquals("\"a\\nb\\u0001\\\"\"", Printable.quote("a\nb\u0001\""));
        assertTrue(Printable.quote("x".repeat(500)).endsWith("…(500 chars)\""));
        assertEquals("null", Printable.quote(null));
    }
}
