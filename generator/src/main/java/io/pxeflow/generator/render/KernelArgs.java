package io.pxeflow.generator.render;

import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel arguments a netbooting node gets, in a fixed order: the class's command line, then
 * pxeflow's per-node values. Diskless classes (a root image is set) get seed 001's
 * {@code NFSROOT=server:path SNAPSHOT=node}; the wipe flag travels as {@code pxeflow.wipe=1} so
 * the node's init can act on it (seed 000's {@code /var/wipe}, without a file on the node).
 */
public final class KernelArgs {
    private KernelArgs() {
    }

    public static String of(NodeBootConfig n, GeneratorSettings s, String rootImagePath, String nfsServer) {
        List<String> args = new ArrayList<>();
        ClassSpec c = n.bootClass();
        String cmdline = c.cmdline();
        if (cmdline != null && !cmdline.isBlank() && !ClassSpec.NONE.equals(cmdline)) {
            for (String arg : cmdline.trim().split(" +")) {
                // ClusterWare cmdlines name the initrd by its bare file name for beoserv; pxeflow
                // knows where the initrd is served from and adds the right initrd= itself.
                if (!(servesInitrd(c) && arg.startsWith("initrd="))) {
                    args.add(arg);
                }
            }
        }
        if (s.console() != null && (cmdline == null || !cmdline.contains("console="))) {
            args.add("console=" + s.console());
        }
        if (rootImagePath != null) {
            args.add("NFSROOT=" + nfsServer + ":" + rootImagePath);
            args.add("SNAPSHOT=" + n.node());
        }
        args.add("pxeflow.node=" + n.node());
        if (n.wipe()) {
            args.add("pxeflow.wipe=1");
        }
        return String.join(" ", args);
    }

    private static boolean servesInitrd(ClassSpec c) {
        return c.initrd() != null && !ClassSpec.NONE.equals(c.initrd());
    }
}
