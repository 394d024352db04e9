package io.pxeflow.reporter.collect;

import java.util.List;

/**
 * Online CPUs, from {@code /sys/devices/system/cpu/online} ("0-3,6,8-9"); kernels without sysfs
 * fall back to counting the {@code cpuN} lines of {@code /proc/stat}, which list online CPUs too.
 */
public final class CpuCount {
    private CpuCount() {
    }

    public static Integer read(ProcFs fs) {
        Integer n = parseRanges(fs.firstLine("/sys/devices/system/cpu/online"));
        return n != null ? n : countStatLines(fs.lines("/proc/stat"));
    }

    static Integer parseRanges(String text) {
        if (text == null) {
            return null;
        }
        int count = 0;
        try {
            for (String part : text.trim().split(",")) {
                int dash = part.indexOf('-');
                if (dash < 0) {
                    Integer.parseInt(part);
                    count++;
                } else {
                    count += Integer.parseInt(part.substring(dash + 1)) - Integer.parseInt(part.substring(0, dash)) + 1;
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return count > 0 ? count : null;
    }

    static Integer countStatLines(List<String> lines) {
        if (lines == null) {
            return null;
        }
        int n = 0;
        for (String line : lines) {
            if (line.length() > 3 && line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
                n++;
            }
        }
        return n > 0 ? n : null;
    }
}
