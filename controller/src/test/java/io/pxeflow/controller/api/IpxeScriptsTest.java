package io.pxeflow.controller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpxeScriptsTest {
    /** Seed 002's centos class: its command line names the initrd for beoserv. */
    private static final ClassSpec CENTOS = new ClassSpec("centos", "/var/beowulf/boot/vmlinuz-centos",
        "/var/beowulf/boot/initrd-centos.img", "initrd=initrd-centos.img ks=nfs:10.54.0.1:/ks.cfg ksdevice=eth0",
        null, null, null, null);

    private static NodeState node15(ClassSpec c, BootStage stage, boolean wipe) {
        NodeSpec spec = new NodeSpec(15, "node15", List.of(MacAddress.of("00:a0:d1:e5:c4:6e")),
            Ipv4Address.parse("10.54.0.25"), c, null, BootSequence.PXE_LOCAL);
        return NodeState.builder(spec, stage, Instant.EPOCH).wipe(wipe).generation(1).updated(Instant.EPOCH).build();
    }

    @Test
    void pxeStageLoadsTheInitrdOnceUnderItsOwnName() {
        String script = IpxeScripts.forNode(node15(CENTOS, BootStage.PXE, false), "tftp://10.54.0.1");
        assertEquals("kernel tftp://10.54.0.1/var/beowulf/boot/vmlinuz-centos initrd=initrd-centos.img "
            + "ks=nfs:10.54.0.1:/ks.cfg ksdevice=eth0 pxeflow.node=node15", line(script, "kernel "));
        assertEquals("initrd tftp://10.54.0.1/var/beowulf/boot/initrd-centos.img", line(script, "initrd "));
        assertTrue(script.endsWith("boot\n"), script);
    }

    @Test
    void classWithoutInitrdKeepsItsCommandLineAndCarriesTheWipeFlag() {
        ClassSpec noInitrd = new ClassSpec("bare", "/boot/vmlinuz", ClassSpec.NONE, "root=/dev/sda1", null, null, null, null);
        String script = IpxeScripts.forNode(node15(noInitrd, BootStage.PXE, true), "http://head/");
        assertEquals("kernel http://head/boot/vmlinuz root=/dev/sda1 pxeflow.node=node15 pxeflow.wipe=1",
            line(script, "kernel "));
        assertTrue(!script.contains("\ninitrd"), script);
    }

    @Test
    void localStageExitsToTheNextBootDevice() {
        String script = IpxeScripts.forNode(node15(CENTOS, BootStage.LOCAL, false), "tftp://10.54.0.1");
        assertTrue(script.contains("\nexit\n"), script);
        assertTrue(!script.contains("kernel "), script);
    }

    private static String line(String script, String prefix) {
        return script.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("<no " + prefix.trim() + " line>");
    }
}
