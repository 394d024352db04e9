package io.pxeflow.protocol.field;

import java.util.regex.Pattern;

/**
 * Validation of every free-text field that can end up inside dhcpd.conf, pxelinux, iPXE, GRUB,
 * /etc/hosts or exports. The rules are deliberately narrower than the formats allow: a value
 * that passes here can be written into any of those files without quoting surprises.
 */
public final class Fields {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._/+:@%=,~-]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    /** Generator ids, request ids and similar tokens. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}");
    public static final int MAX_CMDLINE = 4096;

    private Fields() {
    }

    /** An RFC 1123 host name (one label like {@code node15}, or a dotted FQDN). */
    public static String hostname(String field, String value) {
        require(field, value);
        if (value.length() > 253) {
            throw new InvalidFieldException(field, "host name longer than 253 characters");
        }
        for (String label : value.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidFieldException(field, "not an RFC 1123 host name: " + Printable.quote(value));
            }
        }
        return value;
    }

    public static boolean isHostname(String value) {
        try {
            hostname("name", value);
            return true;
        } catch (InvalidFieldException e) {
            return false;
        }
    }

    /** A class or profile name: a short identifier usable as a file name and a metric label. */
    public static String name(String field, String value) {
        require(field, value);
        if (!NAME.matcher(value).matches()) {
            throw new InvalidFieldException(field, "use letters, digits, '.', '_' or '-' (at most 63): " + Printable.quote(value));
        }
        return value;
    }

    public static String token(String field, String value) {
        require(field, value);
        if (!TOKEN.matcher(value).matches()) {
            throw new InvalidFieldException(field, "not a valid identifier: " + Printable.quote(value));
        }
        return value;
    }

    /** A boot file path (kernel, initrd, image, export). {@code none} is ClusterWare's "no image". */
    public static String path(String field, String value) {
        require(field, value);
        if (value.length() > 1024 || !SAFE_PATH.matcher(value).matches() || value.contains("..")) {
            throw new InvalidFieldException(field,
                "paths may hold letters, digits and ._/+:@%=,~- only, without '..': " + Printable.quote(value));
        }
        return value;
    }

    /**
     * A kernel command line: printable characters only (no newline, tab or other control
     * character that would end a line of the config file it is written into), bounded length.
     */
    public static String cmdline(String field, String value) {
        if (value == null) {
            throw new InvalidFieldException(field, "missing");
        }
        if (value.length() > MAX_CMDLINE) {
            throw new InvalidFieldException(field, "longer than " + MAX_CMDLINE + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                throw new InvalidFieldException(field, "control character at position " + i + ": " + Printable.quote(value));
            }
        }
        return value;
    }

    /** Free text such as a DHCP vendor class: printable, bounded; never written into config files. */
    public static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw new InvalidFieldException(field, "longer than " + max + " characters");
        }
        return cmdline(field, value);
    }

    private static void require(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidFieldException(field, "missing");
        }
    }
}
