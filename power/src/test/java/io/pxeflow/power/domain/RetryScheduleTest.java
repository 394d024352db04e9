package io.pxeflow.power.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.protocol.message.PowerFailure;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final BmcException TIMEOUT = new BmcException(PowerFailure.TIMEOUT, "no answer");

    @Test
    void pausesDoubleUpToTheMaximumAndStopAfterTheLastAttempt() {
        RetrySchedule s = new RetrySchedule(6, Duration.ofSeconds(1), Duration.ofSeconds(5), 0);
        assertEquals(Optional.of(Duration.ofSeconds(1)), s.pauseBefore(2, TIMEOUT, () -> 0.5));
        assertEquals(Optional.of(Duration.ofSeconds(2)), s.pauseBefore(3, TIMEOUT, () -> 0.5));
        assertEquals(Optional.of(Duration.ofSeconds(4)), s.pauseBefore(4, TIMEOUT, () -> 0.5));
        assertEquals(Optional.of(Duration.ofSeconds(5)), s.pauseBefore(5, TIMEOUT, () -> 0.5));
        assertEquals(Optional.of(Duration.ofSeconds(5)), s.pauseBefore(6, TIMEOUT, () -> 0.5));
        assertEquals(Optional.empty(), s.pauseBefore(7, TIMEOUT, () -> 0.5));
    }

    @Test
    void jitterOnlyShortensAPause() {
        RetrySchedule s = new RetrySchedule(3, Duration.ofSeconds(2), Duration.ofSeconds(8), 0.25);
        assertEquals(Optional.of(Duration.ofSeconds(2)), s.pauseBefore(2, TIMEOUT, () -> 0.0));
        assertEquals(Optional.of(Duration.ofMillis(1500)), s.pauseBefore(2, TIMEOUT, () -> 1.0));
        assertEquals(Optional.of(Duration.ofMillis(3500)), s.pauseBefore(3, TIMEOUT, () -> 0.5));
    }

    @Test
    void aWrongPasswordOrAMissingFeatureIsNeverRetried() {
        RetrySchedule s = RetrySchedule.DEFAULT;
        for (PowerFailure f : PowerFailure.values()) {
            boolean retried = s.pauseBefore(2, new BmcException(f, "x"), () -> 0).isPresent();
            boolean expected = f == PowerFailure.TIMEOUT || f == PowerFailure.UNREACHABLE || f == PowerFailure.BMC_ERROR;
            assertEquals(expected, retried, f.code());
        }
    }
}
