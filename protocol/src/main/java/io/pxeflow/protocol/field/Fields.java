package io.pxeflow.protocol.field;

import java.util.regex.Pattern;

/**
 * Validation of every free-text field that can end up inside dhcpd.conf, pxelinux, iPXE, GRUB,
 * /etc/hosts or exports. The rules are deliberately narrower than the formats allow: a value
 * that passes here can be written into any of those files without quoting surprises.
 */
public final class Fields {
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._/+:@%=,~-]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    public static final int MAX_CMDLINE = 4096;

    private Fields() {
    }

    /** An RFC 1123 host name (one label like {@code node15}, or a dotted FQDN). */
    public static String hostname(String field, String value) {
        require(field, value);
        if (value.length() > 253) {
            throw new InvalidFieldException(field, "host name longer than 253 characters");
        }
        if (!labelsAreRfc1123(value)) {
            throw new InvalidFieldException(field, "not an RFC 1123 host name: " + Printable.quote(value));
        }
        return value;
    }

    /**
     * Every dot-separated label is 1 to 63 letters, digits and inner hyphens. Written out rather
     * than as a pattern because every heartbeat and event is checked with it.
     */
    private static boolean labelsAreRfc1123(String value) {
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '.') {
                int length = i - start;
                if (length < 1 || length > 63 || !alphanumeric(value.charAt(start)) || !alphanumeric(value.charAt(i - 1))) {
                    return false;
                }
                start = i + 1;
            } else if (!alphanumeric(value.charAt(i)) && value.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
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

    /** Generator ids, boot ids, request ids and similar: an alphanumeric, then up to 127 of {@code [A-Za-z0-9._:@/-]}. */
    public static String token(String field, String value) {
        require(field, value);
        if (!isToken(value)) {
            throw new InvalidFieldException(field, "not a valid identifier: " + Printable.quote(value));
        }
        return value;
    }

    private static boolean isToken(String value) {
        if (value.length() > 128 || !alphanumeric(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!alphanumeric(c) && c != '.' && c != '_' && c != ':' && c != '@' && c != '/' && c != '-') {
                return false;
            }
        }
        return true;
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
