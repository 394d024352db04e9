package io.pxeflow.reporter.collect;

import java.util.List;

/**
 * The aggregate {@code cpu} line of {@code /proc/stat}, in clock ticks. {@code iowait} is null on
 * kernels that predate it (2.4 has four fields). guest and guest_nice are already counted in user
 * and nice, so they are not added again.
 */
public record CpuTimes(long busy, long idle, Long iowait) {

    public long total() {
        return busy + idle + (iowait == null ? 0 : iowait);
    }

    public static CpuTimes read(ProcFs fs) {
        return parse(fs.lines("/proc/stat"));
    }

    static CpuTimes parse(List<String> lines) {
        if (lines == null) {
            return null;
        }
        for (String line : lines) {
            if (!line.startsWith("cpu ")) {
                continue;
            }
            String[] f = line.substring(4).trim().split("\\s+");
            if (f.length < 4) {
                return null;
            }
            try {
                long[] v = new long[Math.min(f.length, 8)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Long.parseLong(f[i]);
                }
                // user nice system idle [iowait irq softirq [steal]]
                long busy = v[0] + v[1] + v[2];
                for (int i = 5; i < v.length; i++) {
                    busy += v[i];
                }
                return new CpuTimes(busy, v[3], v.length > 4 ? v[4] : null);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
