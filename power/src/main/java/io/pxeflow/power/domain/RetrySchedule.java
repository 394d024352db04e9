package io.pxeflow.power.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed BMC call is tried again: up to {@code attempts} tries in all, the pause doubling
 * from {@code firstBackoff} up to {@code maxBackoff}, each pause shortened by up to
 * {@code jitter} of itself at random, so a thousand nodes whose BMCs all timed out together do not
 * all come back in the same millisecond. Only retryable failures are retried (see
 * {@link BmcException#retryable()}).
 */
public record RetrySchedule(int attempts, Duration firstBackoff, Duration maxBackoff, double jitter) {
    public static final RetrySchedule DEFAULT = new RetrySchedule(3, Duration.ofSeconds(1), Duration.ofSeconds(10), 0.2);

    public RetrySchedule {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt: " + attempts);
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and its maximum no less than its start: "
                + firstBackoff + ", " + maxBackoff);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is a fraction below 1: " + jitter);
        }
    }

    /**
     * The pause before attempt {@code next} (2 for the first retry) after {@code failure}; empty
     * when there is no such attempt.
     *
     * @param random a value in [0, 1): the jitter's draw
     */
    public Optional<Duration> pauseBefore(int next, BmcException failure, DoubleSupplier random) {
        if (next > attempts || !failure.retryable()) {
            return Optional.empty();
        }
        Duration pause = firstBackoff;
        for (int i = 2; i < next && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        if (pause.compareTo(maxBackoff) > 0) {
            pause = maxBackoff;
        }
        long nanos = pause.toNanos();
        return Optional.of(Duration.ofNanos(nanos - (long) (nanos * jitter * random.getAsDouble())));
    }
}
