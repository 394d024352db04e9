package io.pxeflow.power.bmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.power.domain.BmcException;
import io.pxeflow.power.domain.BmcLogin;
import io.pxeflow.protocol.message.PowerFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text, String mode) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    private BmcException refused(String name) {
        BmcException e = assertThrows(BmcException.class, () -> new CredentialFiles(dir).read(name));
        assertEquals(PowerFailure.CREDENTIALS, e.reason());
        return e;
    }

    @Test
    void aRootOnlyFileWithUserAndPasswordIsRead() throws Exception {
        write("rack1", "# rack 1's BMCs, rotated 2025-02\nusername=ADMIN\npassword= p@ss w=rd#1\n", "rw-------");
        BmcLogin login = new CredentialFiles(dir).read("rack1");
        assertEquals("ADMIN", login.username());
        assertEquals(" p@ss w=rd#1", login.password(), "everything after the first '=', as written");
        assertFalse(login.toString().contains("p@ss"), login.toString());
        write("ro", "username=u\npassword=p\n", "r--------");
        assertEquals("p", new CredentialFiles(dir).read("ro").password());
    }

    @Test
    void aFileOthersCanReadIsRefusedWithTheFix() throws Exception {
        Path f = write("rack2", "username=ADMIN\npassword=secret\n", "rw-r--r--");
        BmcException e = refused("rack2");
        assertEquals("credentials file " + f + " is open to group or others (rw-r--r--): refusing to use a BMC password "
            + "others can read; chmod 600 " + f, e.getMessage());
        write("rack3", "username=ADMIN\npassword=secret\n", "rw--w----");
        refused("rack3");
    }

    @Test
    void aMissingFileSaysWhatToWrite() {
        BmcException e = refused("rack9");
        assertEquals("no credentials file " + dir.resolve("rack9") + " on this head node: write username=... and "
            + "password=... lines into it and chmod 600 it", e.getMessage());
    }

    @Test
    void aMalformedFileNeverEchoesItsContent() throws Exception {
        write("bare", "ADMIN\nhunter2\n", "rw-------");
        BmcException e = refused("bare");
        assertTrue(e.getMessage().endsWith("bare line 1: expected username=... or password=..."), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        write("typo", "user=ADMIN\npassword=hunter2\n", "rw-------");
        assertTrue(refused("typo").getMessage().endsWith("line 1: expected username=... or password=..., not user="));
        write("nopass", "username=ADMIN\n", "rw-------");
        assertTrue(refused("nopass").getMessage().endsWith("needs a username= line and a password= line"));
    }

    @Test
    void aNameCannotLeaveTheDirectory() {
        assertTrue(refused("../etc/shadow").getMessage().contains("credentials"));
    }
}
