package io.pxeflow.reporter.collect;

/** The running kernel's release ({@code uname -r}), from {@code /proc/sys/kernel/osrelease}. */
public final class KernelRelease {
    private KernelRelease() {
    }

    public static String read(ProcFs fs) {
        return Text.printable(fs.firstLine("/proc/sys/kernel/osrelease"), 255);
    }
}
