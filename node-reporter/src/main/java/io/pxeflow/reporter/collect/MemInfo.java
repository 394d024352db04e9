package io.pxeflow.reporter.collect;

import java.util.List;

/**
 * Memory and swap from {@code /proc/meminfo}, in bytes. A key the kernel lacks is null: kernels
 * before 3.14 have no {@code MemAvailable}, and guessing it from MemFree + Cached would report a
 * number the kernel never said.
 */
public record MemInfo(Long totalBytes, Long availableBytes, Long swapTotalBytes, Long swapFreeBytes) {

    /** Swap in use; null unless the kernel reports both total and free (a node without swap reports 0 and 0). */
    public Long swapUsedBytes() {
        if (swapTotalBytes == null || swapFreeBytes == null) {
            return null;
        }
        return Math.max(0, swapTotalBytes - swapFreeBytes);
    }

    public static MemInfo read(ProcFs fs) {
        return parse(fs.lines("/proc/meminfo"));
    }

    static MemInfo parse(List<String> lines) {
        if (lines == null) {
            return new MemInfo(null, null, null, null);
        }
        Long total = null;
        Long available = null;
        Long swapTotal = null;
        Long swapFree = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            switch (key) {
                case "MemTotal" -> total = bytes(line, colon);
                case "MemAvailable" -> available = bytes(line, colon);
                case "SwapTotal" -> swapTotal = bytes(line, colon);
                case "SwapFree" -> swapFree = bytes(line, colon);
                default -> { }
            }
        }
        return new MemInfo(total, available, swapTotal, swapFree);
    }

    /** "MemTotal:  16318412 kB" -> bytes; the unit is always kB (KiB) in meminfo. */
    private static Long bytes(String line, int colon) {
        String[] f = line.substring(colon + 1).trim().split("\\s+");
        try {
            long v = Long.parseLong(f[0]);
            return f.length > 1 && f[1].equals("kB") ? v * 1024 : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
