package io.pxeflow.reporter.collect;

/** Seconds since boot, the first field of {@code /proc/uptime}. */
public final class Uptime {
    private Uptime() {
    }

    public static Double read(ProcFs fs) {
        return parse(fs.read("/proc/uptime"));
    }

    static Double parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.trim().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
