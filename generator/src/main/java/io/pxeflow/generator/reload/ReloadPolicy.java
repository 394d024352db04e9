package io.pxeflow.generator.reload;

import io.pxeflow.generator.output.FileChange;
import io.pxeflow.generator.render.ClusterRenderer;
import io.pxeflow.generator.render.Output;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which file changes need the daemon told. dnsmasq watches its hostsdir with inotify and reads
 * new and rewritten files by itself, but it only ever adds what it reads: a deleted or changed
 * entry lingers until SIGHUP. So a new node needs no dnsmasq reload; a removed or changed one does,
 * and so does a change to the main snippet. Every other output with a hook reloads on any change.
 */
public final class ReloadPolicy {
    private ReloadPolicy() {
    }

    public static Set<Output> needed(List<FileChange> changes, Set<Output> hooked) {
        EnumSet<Output> out = EnumSet.noneOf(Output.class);
        for (FileChange c : changes) {
            if (!hooked.contains(c.output())) {
                continue;
            }
            boolean newHostsdirEntry = c.output() == Output.DNSMASQ && c.kind() == FileChange.Kind.CREATED
                && c.path().startsWith(ClusterRenderer.DNSMASQ_HOSTS_DIR + "/");
            if (!newHostsdirEntry) {
                out.add(c.output());
            }
        }
        return out;
    }
}
