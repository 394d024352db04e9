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
        assertEquals(new BootFile("pxelinux.cfg/01-00-a0-d1-e5-c4-6e", MAC, null),
            resolver.resolve("/srv/tftp/pxelinux.cfg/01-00-a0-d1-e5-c4-6e"));
        assertEquals(new BootFile("pxelinux.cfg/0A088801", null, Ipv4Address.parse("10.8.136.1")),
            resolver.resolve("pxelinux.cfg/0A088801"));
        assertEquals(MAC, resolver.resolve("ipxe/00-a0-d1-e5-c4-6e.ipxe").mac());
        assertEquals(MAC, resolver.resolve("ipxe/00:a0:d1:e5:c4:6e.ipxe").mac());
        assertEquals(MAC, resolver.resolve("/var/lib/tftpboot/grub/grub.cfg-01-00-a0-d1-e5-c4-6e").mac());
        assertEquals(Ipv4Address.parse("10.8.136.1"), resolver.resolve("grub/grub.cfg-0A088801").ip());
    }

    /** A crafted request for a broadcast or multicast MAC's file names no client (it used to name one). */
    @Test
    void aFileNamedForAGroupAddressNamesNoClient() {
        BootFile f = resolver.resolve("pxelinux.cfg/01-ff-ff-ff-ff-ff-ff");
        assertNull(f.mac());
        assertNull(resolver.resolve("grub/grub.cfg-01-01-00-5e-00-00-fb").mac());
    }

    @Test
    void sharedFilesCarryNoIdentity() {
        BootFile dflt = resolver.resolve("pxelinux.cfg/default");
        assertNull(dflt.mac());
        assertNull(dflt.ip());
        assertEquals("pxelinux.0", resolver.resolve("/pxelinux.0").path());
        assertNull(resolver.resolve("images/centos/vmlinuz-5.14").mac());
        assertNull(resolver.resolve("pxelinux.cfg/0A08").ip(), "a prefix is not per node");
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
