package io.pxeflow.protocol.field;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the boot files pxeflow writes, and how a served path is read back: one rule for
 * the generator (which writes them), the bridge (which reads a TFTP server's report of one back to
 * its client) and the controller (which flips a node's stage when its own boot config was served).
 * Paths are relative to the TFTP root.
 */
public final class BootFiles {
    public static final String PXELINUX_DIR = "pxelinux.cfg";
    public static final String IPXE_DIR = "ipxe";
    public static final String GRUB_DIR = "grub";
    /** What the live iPXE endpoint records as the path it served: the installer, "boot next", or the unknown-client script. */
    public static final String IPXE_ANSWER_NETBOOT = "/boot/ipxe#netboot";
    public static final String IPXE_ANSWER_LOCAL = "/boot/ipxe#local";
    public static final String IPXE_ANSWER_UNKNOWN = "/boot/ipxe#unknown";

    private static final String MAC_DASHED = "[0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){5}";
    private static final Pattern HEX_IP = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final Pattern PXELINUX_MAC = Pattern.compile("(?:^|/)pxelinux\\.cfg/01-(" + MAC_DASHED + ")$");
    private static final Pattern PXELINUX_HEX = Pattern.compile("(?:^|/)pxelinux\\.cfg/([0-9A-Fa-f]{8})$");
    private static final Pattern GRUB_MAC = Pattern.compile("(?:^|/)grub\\.cfg-01-(" + MAC_DASHED + ")$");
    private static final Pattern GRUB_HEX = Pattern.compile("(?:^|/)grub\\.cfg-([0-9A-Fa-f]{8})$");
    private static final Pattern IPXE_MAC = Pattern.compile("(?:^|/)([0-9a-fA-F:.-]{12,17})\\.ipxe$");

    private BootFiles() {
    }

    /** The client a per-node file is named for: by MAC, or by IP for the hex-IP names. */
    public record Client(MacAddress mac, Ipv4Address ip) {
    }

    /** {@code pxelinux.cfg/01-00-a0-d1-e5-c4-6e} (ARP type 1, then the MAC). */
    public static String pxelinux(MacAddress mac) {
        return PXELINUX_DIR + "/" + mac.pxelinuxName();
    }

    /** {@code pxelinux.cfg/0A088801}: the IP in upper-case hex, PXELINUX's fallback name. */
    public static String pxelinux(Ipv4Address ip) {
        return PXELINUX_DIR + "/" + ip.hex();
    }

    /** {@code ipxe/00-a0-d1-e5-c4-6e.ipxe}. */
    public static String ipxe(MacAddress mac) {
        return IPXE_DIR + "/" + mac.dashed() + ".ipxe";
    }

    /** {@code grub/grub.cfg-01-00-a0-d1-e5-c4-6e}. */
    public static String grub(MacAddress mac) {
        return GRUB_DIR + "/grub.cfg-" + mac.pxelinuxName();
    }

    /**
     * Whether a served path is a boot config, the node's PXE answer: anything under
     * {@code pxelinux.cfg/} (its own file or the default), an iPXE script, a per-client GRUB config.
     * Bootloaders, modules, kernels and initrds are not.
     */
    public static boolean isBootConfig(String path) {
        if (path == null) {
            return false;
        }
        String base = basename(path);
        return path.contains(PXELINUX_DIR + "/") || base.endsWith(".ipxe") || base.startsWith("grub.cfg-");
    }

    /** The client a per-node boot config name names, or null for any other path (or a group or all-zero MAC). */
    public static Client client(String path) {
        if (path == null) {
            return null;
        }
        Matcher m;
        if ((m = PXELINUX_MAC.matcher(path)).find() || (m = GRUB_MAC.matcher(path)).find()) {
            // A path naming a group (broadcast, multicast) or all-zero address names no client.
            return MacAddress.isValid(m.group(1)) ? new Client(MacAddress.of(m.group(1)), null) : null;
        }
        if ((m = PXELINUX_HEX.matcher(path)).find() || (m = GRUB_HEX.matcher(path)).find()) {
            return new Client(null, fromHex(m.group(1)));
        }
        if ((m = IPXE_MAC.matcher(path)).find() && MacAddress.isValid(m.group(1))) {
            return new Client(MacAddress.of(m.group(1)), null);
        }
        return null;
    }

    /** The reverse of {@link Ipv4Address#hex()}: {@code 0A088801} is 10.8.136.1. */
    public static Ipv4Address fromHex(String hex) {
        if (hex == null || !HEX_IP.matcher(hex).matches()) {
            throw new IllegalArgumentException("not an 8-digit hex IPv4 address: " + hex);
        }
        return new Ipv4Address((int) Long.parseLong(hex, 16));
    }

    public static String basename(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
