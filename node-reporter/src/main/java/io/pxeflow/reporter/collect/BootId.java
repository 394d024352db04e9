package io.pxeflow.reporter.collect;

import java.util.List;

/**
 * The kernel's random boot id: it changes on every boot, which is how the controller tells a
 * reboot from a pause. Kernels without {@code /proc/sys/kernel/random/boot_id} get
 * {@code btime-<epoch>} from {@code /proc/stat}, which also changes on every boot.
 */
public final class BootId {
    private BootId() {
    }

    public static String read(ProcFs fs) {
        String id = fs.firstLine("/proc/sys/kernel/random/boot_id");
        if (id != null && id.matches("[A-Za-z0-9-]{1,64}")) {
            return id;
        }
        List<String> stat = fs.lines("/proc/stat");
        if (stat != null) {
            for (String line : stat) {
                if (line.startsWith("btime ")) {
                    return "btime-" + line.substring(6).trim();
                }
            }
        }
        return null;
    }
}
