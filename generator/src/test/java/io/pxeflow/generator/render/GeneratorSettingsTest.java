package io.pxeflow.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratorSettingsTest {
    @Test
    void theNetworkHasNoDefaults_theInventoryDeclaresIt() {
        GeneratorSettings s = GeneratorSettings.defaults();
        assertNull(s.subnet());
        assertNull(s.headAddress());
        assertNull(s.nextServer());
        assertNull(s.router());
        assertNull(s.ipxeChainUrl());
        assertNull(s.nfsServer());
        assertEquals(8088, s.ipxePort());
        assertEquals("tftp://${next-server}/", s.imageBaseUrl());
        assertEquals(Path.of("/var/lib/pxeflow/generated/tftpboot"), s.tftpRoot());
        assertEquals("pxelinux.0", s.biosBootFile());
        assertEquals(Duration.ofMillis(2000), s.reloadDebounce());
        assertTrue(s.pxelinuxHexIp());
        assertEquals(Output.values().length, s.outputs().size());
    }

    @Test
    void hooksAndOutputsAreTyped() {
        GeneratorSettings s = GeneratorSettings.fromMap(Map.of("outputs", "dhcpd, pxelinux",
            "reload.dhcpd", "systemctl restart isc-dhcp-server", "validate.kea", "kea-dhcp4 -t {file}",
            "node.names", "node1,node2"));
        assertTrue(s.enabled(Output.DHCPD));
        assertFalse(s.enabled(Output.KEA));
        assertEquals("systemctl restart isc-dhcp-server", s.reloadCommands().get(Output.DHCPD));
        assertTrue(s.nodeFilter().accepts("node2"));
        assertFalse(s.nodeFilter().accepts("node3"));
    }

    @Test
    void valuesAFormatCannotCarryAreRefusedWithTheirKey() {
        assertKey("boot.file.bios", Map.of("boot.file.bios", "pxelinux.0\"; filename \"evil"));
        assertKey("boot.console", Map.of("boot.console", "ttyS0 ; reboot"));
        assertKey("network.domain", Map.of("network.domain", "cluster;example"));
        assertKey("network.subnet", Map.of("network.subnet", "10.54.0.1", "network.netmask", "255.255.0.0"));
        assertKey("network.netmask", Map.of("network.subnet", "10.78.0.0"));
        assertKey("network.netmask", Map.of("network.subnet", "10.78.0.0", "network.netmask", "255.0.255.0"));
        assertKey("boot.ipxe.port", Map.of("boot.ipxe.port", "70000"));
        assertKey("output.dir", Map.of("output.dir", "relative/dir"));
        assertKey("reload.nope", Map.of("reload.nope", "true"));
        assertKey("outptus", Map.of("outptus", "all"));
        assertKey("node.filter", Map.of("node.filter", "node[1-"));
    }

    private static void assertKey(String key, Map<String, String> m) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> GeneratorSettings.fromMap(m));
        assertEquals(key, e.key(), e.getMessage());
    }
}
