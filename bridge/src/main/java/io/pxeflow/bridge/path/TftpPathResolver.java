package io.pxeflow.bridge.path;

import io.pxeflow.protocol.field.BootFiles;
import io.pxeflow.protocol.field.Ipv4Address;
import java.util.List;

/**
 * Maps a TFTP path back to the client it was generated for, by the names in
 * {@link BootFiles}: {@code pxelinux.cfg/01-<mac>}, {@code pxelinux.cfg/<HEXIP>},
 * {@code ipxe/<mac>.ipxe}, {@code grub/grub.cfg-01-<mac>} or {@code grub.cfg-<HEXIP>}. Anything
 * else is identified by the client IP the server saw, which the caller carries. dnsmasq logs
 * absolute paths; the configured TFTP roots are stripped so the event carries the name the
 * generator wrote.
 */
public final class TftpPathResolver {
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
        BootFiles.Client client = BootFiles.client(path);
        return new BootFile(path, client == null ? null : client.mac(), client == null ? null : client.ip());
    }

    /** The reverse of {@link Ipv4Address#hex()}: {@code 0A088801} is 10.8.136.1. */
    public static Ipv4Address fromHex(String hex) {
        return BootFiles.fromHex(hex);
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
}
