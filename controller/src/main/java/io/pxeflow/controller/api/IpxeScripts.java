package io.pxeflow.controller.api;

import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.NodeState;

/** The scripts the live iPXE endpoint answers with. */
public final class IpxeScripts {
    private IpxeScripts() {
    }

    /** True when the node is told to boot the class's kernel rather than "boot next". */
    public static boolean netboots(NodeState s) {
        return s.stage() == BootStage.PXE && s.spec().effectiveClass().servesKernel();
    }

    public static String forNode(NodeState s, String imageBase) {
        ClassSpec c = s.spec().effectiveClass();
        StringBuilder sb = new StringBuilder("#!ipxe\n");
        sb.append("# pxeflow: ").append(s.name()).append(" class ").append(c.name()).append(", stage ")
            .append(s.stage().code()).append('\n');
        if (!netboots(s)) {
            sb.append("echo pxeflow: ").append(s.name()).append(" boots from its local disk\n");
            sb.append("exit\n");
            return sb.toString();
        }
        String args = c.cmdline() == null || ClassSpec.NONE.equals(c.cmdline()) ? "" : " " + c.cmdline();
        if (s.wipe()) {
            args += " pxeflow.wipe=1";
        }
        sb.append("kernel ").append(url(imageBase, c.kernel())).append(" initrd=initrd.img").append(args)
            .append(" pxeflow.node=").append(s.name()).append('\n');
        if (c.initrd() != null && !ClassSpec.NONE.equals(c.initrd())) {
            sb.append("initrd --name initrd.img ").append(url(imageBase, c.initrd())).append('\n');
        }
        sb.append("boot\n");
        return sb.toString();
    }

    public static String unknown(MacAddress mac) {
        return "#!ipxe\n# pxeflow: unknown MAC " + mac + "\n"
            + "echo pxeflow: this machine (" + mac + ") is not in the inventory; it was recorded as discovered.\n"
            + "echo Adopt it with: ctl discovered\n"
            + "sleep 10\nexit\n";
    }

    private static String url(String base, String path) {
        return base.endsWith("/") || path.startsWith("/") ? base + path : base + "/" + path;
    }
}
