package io.pxeflow.protocol.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** One naming rule for the files the generator writes, the bridge reads back and the controller flips on. */
class BootFilesTest {
    private static final MacAddress MAC = MacAddress.of("00:a0:d1:e5:c4:6e");

    @Test
    void theNamesTheGeneratorWrites() {
        assertEquals("pxelinux.cfg/01-00-a0-d1-e5-c4-6e", BootFiles.pxelinux(MAC));
        assertEquals("pxelinux.cfg/0A088801", BootFiles.pxelinux(Ipv4Address.parse("10.8.136.1")));
        assertEquals("ipxe/00-a0-d1-e5-c4-6e.ipxe", BootFiles.ipxe(MAC));
        assertEquals("grub/grub.cfg-01-00-a0-d1-e5-c4-6e", BootFiles.grub(MAC));
    }

    @Test
    void aBootConfigIsTheNodesAnswer_aLoaderOrImageIsNot() {
        assertTrue(BootFiles.isBootConfig("pxelinux.cfg/default"));
        assertTrue(BootFiles.isBootConfig("tftpboot/pxelinux.cfg/01-00-a0-d1-e5-c4-6e"));
        assertTrue(BootFiles.isBootConfig("ipxe/00-a0-d1-e5-c4-6e.ipxe"));
        assertTrue(BootFiles.isBootConfig("grub/grub.cfg-01-00-a0-d1-e5-c4-6e"));
        assertFalse(BootFiles.isBootConfig("pxelinux.0"));
        assertFalse(BootFiles.isBootConfig("grub/grub.cfg"), "the shared default GRUB menu names no node");
        assertFalse(BootFiles.isBootConfig("images/centos/vmlinuz"));
        assertFalse(BootFiles.isBootConfig(null));
    }

    @Test
    void aPerNodeNameIsReadBackToItsClient_anyOtherToNone() {
        assertEquals(new BootFiles.Client(MAC, null), BootFiles.client(BootFiles.pxelinux(MAC)));
        assertEquals(new BootFiles.Client(MAC, null), BootFiles.client(BootFiles.grub(MAC)));
        assertEquals(new BootFiles.Client(MAC, null), BootFiles.client("ipxe/00:a0:d1:e5:c4:6e.ipxe"));
        assertEquals(new BootFiles.Client(null, Ipv4Address.parse("10.8.136.1")), BootFiles.client("grub.cfg-0A088801"));
        assertNull(BootFiles.client("pxelinux.cfg/default"));
        assertNull(BootFiles.client("pxelinux.cfg/01-ff-ff-ff-ff-ff-ff"), "a group address is no client's");
        assertNull(BootFiles.client("pxelinux.cfg/0A08"), "a prefix is not per node");
    }

    @Property
    void whatIsWrittenIsReadBack(@ForAll long raw, @ForAll int bits) {
        long b = raw & 0xfeffffffffffL;
        MacAddress mac = MacAddress.of(String.format("%012x", b == 0 ? 2 : b));
        assertEquals(mac, BootFiles.client(BootFiles.pxelinux(mac)).mac());
        assertEquals(mac, BootFiles.client(BootFiles.ipxe(mac)).mac());
        assertEquals(mac, BootFiles.client(BootFiles.grub(mac)).mac());
        Ipv4Address ip = new Ipv4Address(bits);
        assertEquals(ip, BootFiles.client(BootFiles.pxelinux(ip)).ip());
        assertTrue(BootFiles.isBootConfig(BootFiles.pxelinux(mac)) && BootFiles.isBootConfig(BootFiles.ipxe(mac))
            && BootFiles.isBootConfig(BootFiles.grub(mac)) && BootFiles.isBootConfig(BootFiles.pxelinux(ip)));
    }
}
