package io.pxeflow.power.bmc;

import io.pxeflow.power.domain.BmcException;
import io.pxeflow.power.domain.BmcLogin;
import io.pxeflow.power.domain.BmcLogins;
import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.message.PowerFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * BMC logins from files on the head node: {@code DIR/NAME} holds {@code username=...} and
 * {@code password=...} lines ({@code #} comments and blank lines allowed). A file the group or
 * others may read, write or run is refused: a BMC password opens the machine's console and power.
 * Read on every request, so a rotated password takes effect at once. Error messages name the
 * file and the problem, never a line's content (a stray line may be the password itself).
 */
public final class CredentialFiles implements BmcLogins {
    private static final Set<PosixFilePermission> OPEN = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path dir;

    public CredentialFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public BmcLogin read(String name) throws BmcException {
        try {
            Fields.name("credentials", name);
        } catch (InvalidFieldException e) {
            throw new BmcException(PowerFailure.CREDENTIALS, e.getMessage());
        }
        Path file = dir.resolve(name);
        String text;
        try {
            checkMode(file);
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BmcException(PowerFailure.CREDENTIALS, "no credentials file " + file + " on this head node: write "
                + "username=... and password=... lines into it and chmod 600 it");
        } catch (IOException e) {
            throw new BmcException(PowerFailure.CREDENTIALS, "cannot read credentials file " + file + ": " + e.getMessage());
        }
        return parse(file, text);
    }

    private static void checkMode(Path file) throws IOException, BmcException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return;
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(perms);
        open.retainAll(OPEN);
        if (!open.isEmpty()) {
            throw new BmcException(PowerFailure.CREDENTIALS, "credentials file " + file + " is open to group or others ("
                + PosixFilePermissions.toString(perms) + "): refusing to use a BMC password others can read; chmod 600 "
                + file);
        }
    }

    static BmcLogin parse(Path file, String text) throws BmcException {
        String username = null;
        String password = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? null : line.substring(0, eq).strip();
            if (key == null || !(key.equals("username") || key.equals("password"))) {
                throw new BmcException(PowerFailure.CREDENTIALS, file + " line " + (i + 1) + ": expected username=... or "
                    + "password=..." + (key != null && key.matches("[A-Za-z_-]{1,20}") ? ", not " + key + "=" : ""));
            }
            // The value is everything after the first '=', exactly: a password may hold spaces, '=' or '#'.
            String value = lines[i].substring(lines[i].indexOf('=') + 1);
            if (key.equals("username")) {
                username = value.strip();
            } else {
                password = value;
            }
        }
        if (username == null || username.isEmpty() || password == null) {
            throw new BmcException(PowerFailure.CREDENTIALS, file + " needs a username= line and a password= line");
        }
        return new BmcLogin(username, password);
    }
}
