package io.pxeflow.reporter.collect;

/** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}. */
public record LoadAvg(double load1, double load5, double load15) {

    /** Null when the file is missing or not in the expected shape. */
    public static LoadAvg read(ProcFs fs) {
        return parse(fs.read("/proc/loadavg"));
    }

    static LoadAvg parse(String text) {
        if (text == null) {
            return null;
        }
        String[] f = text.trim().split("\\s+");
        if (f.length < 3) {
            return null;
        }
        try {
            return new LoadAvg(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
