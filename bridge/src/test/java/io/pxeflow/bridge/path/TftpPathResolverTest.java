package io.pxeflow.bridge.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TftpPathResolverTest {
    private final TftpPathResolver resolver = new TftpPathResolver(List.of("/srv/tftp", "/var/lib/tftpboot/"));
    private static final MacAddress MAC = MacAddress.of("00:a0:d1:e5:c4:6e");

    @Test
    void perNodeNamesResolveToTheNode() {
        assertEquals(new BootFile("pxelinux.cfg/01-00-a0-d1-e5-c4-6e", BootFileKind.BOOT_CONFIG, MAC, null),
            resolver.resolve("/srv/tftp/pxelinux.cfg/01-00-a0-d1-e5-c4-6e"));
        assertEquals(new BootFile("pxelinux.cfg/0A088801", BootFileKind.BOOT_CONFIG, null, Ipv4Address.parse("10.8.136.1")),
            resolver.resolve("pxelinux.cfg/0A088801"));
        assertEquals(MAC, resolver.resolve("ipxe/00-a0-d1-e5-c4-6e.ipxe").mac());
        assertEquals(MAC, resolver.resolve("ipxe/00:a0:d1:e5:c4:6e.ipxe").mac());
        assertEquals(BootFileKind.BOOT_CONFIG, resolver.resolve("ipxe/00-a0-d1-e5-c4-6e.ipxe").kind());
        assertEquals(MAC, resolver.resolve("/var/lib/tftpboot/grub/grub.cfg-01-00-a0-d1-e5-c4-6e").mac());
        assertEquals(Ipv4Address.parse("10.8.136.1"), resolver.resolve("grub/grub.cfg-0A088801").ip());
    }

    /** A crafted request for a broadcast or multicast MAC's file names no client (it used to name one). */
    @Test
    void aFileNamedForAGroupAddressNamesNoClient() {
        BootFile f = resolver.resolve("pxelinux.cfg/01-ff-ff-ff-ff-ff-ff");
        assertEquals(BootFileKind.BOOT_CONFIG, f.kind());
        assertNull(f.mac());
        assertNull(resolver.resolve("grub/grub.cfg-01-01-00-5e-00-00-fb").mac());
    }

    @Test
    void sharedFilesAreClassifiedAndCarryNoIdentity() {
        BootFile dflt = resolver.resolve("pxelinux.cfg/default");
        assertEquals(BootFileKind.BOOT_CONFIG, dflt.kind());
        assertNull(dflt.mac());
        assertNull(dflt.ip());
        assertEquals(BootFileKind.BOOTLOADER, resolver.resolve("/pxelinux.0").kind());
        assertEquals("pxelinux.0", resolver.resolve("/pxelinux.0").path());
        assertEquals(BootFileKind.BOOTLOADER, resolver.resolve("efi64/syslinux.efi").kind());
        assertEquals(BootFileKind.BOOTLOADER, resolver.resolve("undionly.kpxe").kind());
        assertEquals(BootFileKind.BOOTLOADER, resolver.resolve("ldlinux.c32").kind());
        assertEquals(BootFileKind.KERNEL, resolver.resolve("images/centos/vmlinuz-5.14").kind());
        assertEquals(BootFileKind.INITRD, resolver.resolve("images/centos/initrd.img").kind());
        assertEquals(BootFileKind.INITRD, resolver.resolve("images/centos/initramfs-5.14.img").kind());
        assertEquals(BootFileKind.OTHER, resolver.resolve("motd.txt").kind());
        assertEquals(BootFileKind.BOOT_CONFIG, resolver.resolve("pxelinux.cfg/0A08").kind(), "a prefix is not per node");
        assertNull(resolver.resolve("pxelinux.cfg/0A08").ip());
    }

    @Property
    void hexNamesRoundTrip(@ForAll int bits) {
        Ipv4Address ip = new Ipv4Address(bits);
        assertEquals(ip, TftpPathResolver.fromHex(ip.hex()));
        assertEquals(ip, resolver.resolve("/srv/tftp/pxelinux.cfg/" + ip.hex()).ip());
    }

    @Property
    void pxelinuxMacNamesRoundTrip(@ForAll long raw) {
        // Any client's address: the group bit clear, not all zeros.
        long bits = raw & 0xfeffffffffffL;
        MacAddress mac = MacAddress.of(String.format("%012x", bits == 0 ? 2 : bits));
        assertEquals(mac, resolver.resolve("pxelinux.cfg/" + mac.pxelinuxName()).mac());
        assertEquals(mac, resolver.resolve("ipxe/" + mac.dashed() + ".ipxe").mac());
    }
}
