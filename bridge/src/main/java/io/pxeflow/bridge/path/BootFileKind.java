package io.pxeflow.bridge.path;

/** What a served boot file is, so the controller can tell "fetched its config" from noise. */
public enum BootFileKind {
    /** A per-node or default boot config: pxelinux.cfg/*, an iPXE script, a GRUB config. */
    BOOT_CONFIG,
    /** A kernel. */
    KERNEL,
    /** An initrd / initramfs. */
    INITRD,
    /** The network bootstrap program: pxelinux.0, *.efi, undionly.kpxe, a .c32 module. */
    BOOTLOADER,
    OTHER
}
