package io.pxeflow.reporter.collect;

/**
 * Busy and iowait fractions of all CPUs since the previous sample. The first sample has no
 * previous one, so its fractions are null (absent), not a since-boot average that would look
 * like a current value. Not thread-safe: the sampler thread owns it.
 */
public final class CpuUsage {
    private CpuTimes previous;

    /** The fractions between this sample and the previous one. */
    public record Fractions(Double busy, Double iowait) {
        static final Fractions NONE = new Fractions(null, null);
    }

    public Fractions update(CpuTimes now) {
        CpuTimes prev = previous;
        previous = now;
        if (prev == null || now == null) {
            return Fractions.NONE;
        }
        // iowait is known to step backwards on NO_HZ kernels; a negative delta counts as zero.
        long busy = Math.max(0, now.busy() - prev.busy());
        long idle = Math.max(0, now.idle() - prev.idle());
        Long iowait = now.iowait() == null || prev.iowait() == null ? null : Math.max(0, now.iowait() - prev.iowait());
        long total = busy + idle + (iowait == null ? 0 : iowait);
        if (total == 0) {
            return Fractions.NONE;
        }
        return new Fractions(round((double) busy / total), iowait == null ? null : round((double) iowait / total));
    }

    /** Four decimals are plenty for a fraction and keep the JSON short. */
    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
