package io.pxeflow.reporter.collect;

import io.pxeflow.protocol.field.Fields;

/**
 * The node name when {@code --node} is not given: the kernel's host name up to the first dot.
 * Inventories (ClusterWare, Warewulf) name nodes by short name, while some sites set an FQDN as
 * the kernel host name; the short name is what the controller knows.
 */
public final class Hostname {
    private Hostname() {
    }

    /** Null when the kernel has no usable host name (e.g. "(none)" early in an installer). */
    public static String read(ProcFs fs) {
        String name = fs.firstLine("/proc/sys/kernel/hostname");
        if (name == null) {
            return null;
        }
        int dot = name.indexOf('.');
        String shortName = dot > 0 ? name.substring(0, dot) : name;
        return Fields.isHostname(shortName) ? shortName : null;
    }
}
