package io.pxeflow.power.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How many power operations may run at once and how fast new ones may start. A rack of nodes
 * powering on together trips its breakers and floods DHCP with requests, so starts are spaced:
 * at most {@code perSecond} per second, evenly (no burst after a quiet spell), and at most
 * {@code maxConcurrent} running. Pure: the caller says what time it is.
 *
 * @param maxConcurrent operations running at once, at least 1
 * @param perSecond     starts per second; 0 for no rate limit
 */
public record FanOut(int maxConcurrent, double perSecond) {
    public static final int DEFAULT_MAX_CONCURRENT = 20;
    public static final double DEFAULT_PER_SECOND = 10;

    public FanOut {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("at least one operation must be allowed to run: " + maxConcurrent);
        }
        if (perSecond < 0 || Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("starts per second must be 0 (no limit) or positive: " + perSecond);
        }
    }

    /** The least time between two starts; zero without a rate limit. */
    public Duration spacing() {
        return perSecond == 0 ? Duration.ZERO : Duration.ofNanos(Math.round(1_000_000_000L / perSecond));
    }

    /** When the start after one at {@code lastStart} may happen, given it is {@code now}. */
    Instant nextStart(Instant lastStart, Instant now) {
        if (lastStart == null) {
            return now;
        }
        Instant earliest = lastStart.plus(spacing());
        return earliest.isAfter(now) ? earliest : now;
    }
}
