package io.pxeflow.bridge.path;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a TFTP path back to the node it was generated for: {@code pxelinux.cfg/01-<mac>},
 * {@code pxelinux.cfg/<HEXIP>}, {@code ipxe/<mac>.ipxe}, {@code grub/grub.cfg-01-<mac>} or
 * {@code grub.cfg-<HEXIP>}. Anything else is identified by the client IP the server saw, which
 * the caller carries. dnsmasq logs absolute paths; the configured TFTP roots are stripped so the
 * event carries the name the generator wrote.
 */
public final class TftpPathResolver {
    private static final String MAC_DASHED = "[0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){5}";
    private static final Pattern PXELINUX_MAC = Pattern.compile("(?:^|/)pxelinux\\.cfg/01-(" + MAC_DASHED + ")$");
    private static final Pattern PXELINUX_HEX = Pattern.compile("(?:^|/)pxelinux\\.cfg/([0-9A-Fa-f]{8})$");
    private static final Pattern GRUB_MAC = Pattern.compile("(?:^|/)grub\\.cfg-01-(" + MAC_DASHED + ")$");
    private static final Pattern GRUB_HEX = Pattern.compile("(?:^|/)grub\\.cfg-([0-9A-Fa-f]{8})$");
    private static final Pattern IPXE_MAC = Pattern.compile("(?:^|/)([0-9a-fA-F:.-]{12,17})\\.ipxe$");
    private static final Pattern CONFIG = Pattern.compile(
        "(?:^|/)(?:pxelinux\\.cfg/[^/]+|[^/]+\\.ipxe|grub[^/]*\\.cfg(?:-[^/]+)?|boot\\.ipxe|[^/]+\\.menu)$");
    private static final Pattern KERNEL = Pattern.compile("(?:vmlinuz|vmlinux|bzimage|linux|kernel)[^/]*");
    private static final Pattern INITRD = Pattern.compile("(?:initrd|initramfs)[^/]*|[^/]*\\.(?:img|cpio|cpio\\.gz|cpio\\.xz)");
    private static final Pattern LOADER = Pattern.compile(
        "[^/]*\\.(?:0|efi|kpxe|kkpxe|pxe|lkrn|c32)|undionly[^/]*|ipxe[^/]*|shim[^/]*|grubx64[^/]*|grubnetx64[^/]*|bootx64[^/]*");

    private final List<String> roots;

    /** @param tftpRoots directories to strip from absolute paths, e.g. {@code /srv/tftp} */
    public TftpPathResolver(List<String> tftpRoots) {
        this.roots = tftpRoots.stream()
            .map(r -> r.endsWith("/") ? r : r + "/")
            .sorted((a, b) -> b.length() - a.length())
            .toList();
    }

    public BootFile resolve(String rawPath) {
        String path = relative(rawPath);
        MacAddress mac = null;
        Ipv4Address ip = null;
        Matcher m;
        if ((m = PXELINUX_MAC.matcher(path)).find() || (m = GRUB_MAC.matcher(path)).find()) {
            // A path naming a group (broadcast, multicast) or all-zero address names no client.
            mac = MacAddress.isValid(m.group(1)) ? MacAddress.of(m.group(1)) : null;
        } else if ((m = PXELINUX_HEX.matcher(path)).find() || (m = GRUB_HEX.matcher(path)).find()) {
            ip = fromHex(m.group(1));
        } else if ((m = IPXE_MAC.matcher(path)).find() && MacAddress.isValid(m.group(1))) {
            mac = MacAddress.of(m.group(1));
        }
        return new BootFile(path, kind(path), mac, ip);
    }

    /** The reverse of {@link Ipv4Address#hex()}: {@code 0A088801} is 10.8.136.1. */
    public static Ipv4Address fromHex(String hex) {
        if (hex == null || !hex.matches("[0-9A-Fa-f]{8}")) {
            throw new IllegalArgumentException("not an 8-digit hex IPv4 address: " + hex);
        }
        return new Ipv4Address((int) Long.parseLong(hex, 16));
    }

    private String relative(String raw) {
        String p = raw.strip();
        for (String root : roots) {
            if (p.startsWith(root)) {
                return p.substring(root.length());
            }
        }
        // tftp clients may ask for "/pxelinux.0" or "pxelinux.0"; the generator names the latter.
        // Deeper absolute paths are left alone: they are filesystem paths under an unknown root.
        return p.startsWith("/") && p.indexOf('/', 1) < 0 ? p.substring(1) : p;
    }

    private static BootFileKind kind(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (CONFIG.matcher(path).find() && !LOADER.matcher(base).matches()) {
            return BootFileKind.BOOT_CONFIG;
        }
        if (LOADER.matcher(base).matches()) {
            return BootFileKind.BOOTLOADER;
        }
        if (INITRD.matcher(base).matches()) {
            return BootFileKind.INITRD;
        }
        if (KERNEL.matcher(base).matches()) {
            return BootFileKind.KERNEL;
        }
        return BootFileKind.OTHER;
    }
}
