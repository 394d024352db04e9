package io.pxeflow.inventory;

import java.util.Set;

/**
 * ClusterWare {@code /etc/beowulf/config} keywords that pxeflow accepts without acting on them:
 * they configure BProc, beoboot's node environment or the master's daemons, which pxeflow does
 * not replace. A real ClusterWare file therefore imports with warnings instead of failing; a
 * keyword that is in neither this list nor the parser's is a typo and an error.
 */
final class ClusterWareDirectives {
    static final Set<String> IGNORED = Set.of(
        "alias", "bootfile", "bootmodule", "bproc", "cpuspeed", "depmod", "excludelibrary", "fsck",
        "fstab", "ignore", "insmod", "libraries", "logfacility", "mkfs", "modarg", "modprobe",
        "moduleoptions", "mount", "nodeaccess", "nodeassign", "nodeup", "pci", "prestage",
        "pxefileserver", "pxeinterfaces", "server", "setenv", "startup", "unmanaged");

    private ClusterWareDirectives() {
    }
}
