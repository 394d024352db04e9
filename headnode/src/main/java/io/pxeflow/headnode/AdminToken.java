package io.pxeflow.headnode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The all-in-one's admin token: created once, mode 0600, reused by later starts and by ctl. */
final class AdminToken {
    private AdminToken() {
    }

    static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".token", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, token + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return token;
    }
}
