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
        boolean initrd = c.initrd() != null && !ClassSpec.NONE.equals(c.initrd());
        String initrdName = initrd ? c.initrd().substring(c.initrd().lastIndexOf('/') + 1) : null;
        StringBuilder args = new StringBuilder();
        if (initrd) {
            args.append(" initrd=").append(initrdName);
        }
        if (c.cmdline() != null && !ClassSpec.NONE.equals(c.cmdline())) {
            for (String arg : c.cmdline().trim().split(" +")) {
                // ClusterWare command lines name the initrd for beoserv; iPXE gets the one it loads.
                if (!(initrd && arg.startsWith("initrd=")) && !arg.isEmpty()) {
                    args.append(' ').append(arg);
                }
            }
        }
        args.append(" pxeflow.node=").append(s.name());
        if (s.wipe()) {
            args.append(" pxeflow.wipe=1");
        }
        sb.append("kernel ").append(url(imageBase, c.kernel())).append(args).append('\n');
        if (initrd) {
            sb.append("initrd ").append(url(imageBase, c.initrd())).append('\n');
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
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return path.startsWith("/") ? b + path : b + "/" + path;
    }
}
