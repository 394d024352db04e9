package io.pxeflow.controller.domain;

import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeTransport;

/** What a served boot file means for the node's progress. */
public enum BootFileKind {
    /** The node's own boot config (pxelinux.cfg/..., .ipxe, grub.cfg-..., the iPXE endpoint): its PXE answer. */
    CONFIG,
    /** The class's kernel or initrd: the node is loading what it was told to boot. */
    IMAGE,
    /** Anything else (pxelinux.0, ldlinux.c32, ipxe.efi): the firmware is still on its way. */
    OTHER;

    /** The path the iPXE endpoint records when it answered with the installer / with "boot next". */
    public static final String IPXE_ANSWER_NETBOOT = "/boot/ipxe#netboot";
    public static final String IPXE_ANSWER_LOCAL = "/boot/ipxe#local";

    public static BootFileKind classify(PxeEvent event, ClassSpec effectiveClass) {
        if (event.transport() == PxeTransport.IPXE_ENDPOINT) {
            return CONFIG;
        }
        String path = event.path() == null ? "" : event.path();
        String base = basename(path);
        if (path.contains("pxelinux.cfg/") || base.endsWith(".ipxe") || base.startsWith("grub.cfg-")) {
            return CONFIG;
        }
        if (matches(base, effectiveClass.kernel()) || matches(base, effectiveClass.initrd())) {
            return IMAGE;
        }
        return OTHER;
    }

    private static boolean matches(String base, String image) {
        return image != null && !ClassSpec.NONE.equals(image) && !base.isEmpty() && base.equals(basename(image));
    }

    private static String basename(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
