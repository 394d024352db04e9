package io.pxeflow.controller.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputOrderTest {
    private static final long HOLD = 60_000;
    private final InputOrder<String> order = new InputOrder<>(HOLD);
    private long seq;

    private void hold(long time, String what, long now) {
        order.hold(time, seq++, what, now);
    }

    @Test
    void nothingPassesBeforeEverySourceHasReported() {
        order.watermark(0, 2, 5_000);
        assertFalse(order.passes(1_000, 1_000));
        hold(1_000, "reprovision", 1_000);
        assertEquals(List.of(), order.release(1_100));
        order.watermark(1, 2, 900);
        assertEquals(List.of(), order.release(1_100), "source 1 has not passed 1000 yet");
        order.watermark(1, 2, 1_000);
        assertEquals(List.of("reprovision"), order.release(1_100));
    }

    @Test
    void aLateHopEventStillGoesBeforeTheCommandSentAfterIt() {
        // The reprovision arrives first (the hop is behind); the PXE answer served before it comes later.
        hold(2_000, "reprovision", 10_000);
        order.watermark(0, 1, 1_500);
        assertEquals(List.of(), order.release(10_000));
        hold(1_800, "pxe answer", 10_050);
        order.watermark(0, 1, 2_000);
        assertEquals(List.of("pxe answer", "reprovision"), order.release(10_100));
    }

    @Test
    void equalTimesKeepTheirArrivalOrder() {
        hold(1_000, "first", 0);
        hold(1_000, "second", 1);
        hold(999, "zeroth", 2);
        order.watermark(0, 1, 1_000);
        assertEquals(List.of("zeroth", "first", "second"), order.release(3));
    }

    @Test
    void watermarksNeverGoBack() {
        order.watermark(0, 1, 5_000);
        order.watermark(0, 1, 1_000);
        assertTrue(order.passes(5_000, 0));
        assertFalse(order.passes(5_001, 0));
    }

    @Test
    void anInputOnlyPassesAtOnceWhenNothingIsWaiting() {
        order.watermark(0, 1, 1_000);
        hold(2_000, "waiting", 0);
        assertFalse(order.passes(500, 0), "would overtake nothing older, but must not skip the queue's order check");
        assertEquals(List.of(), order.release(0));
    }

    @Test
    void aWatermarkThatNeverComesHoldsAnInputNoLongerThanTheLimitAndOrderIsKeptAmongWhatGoes() {
        hold(1_000, "old", 0);
        hold(500, "older", 30_000);
        hold(70_000, "young", 30_000);
        assertEquals(List.of(), order.release(HOLD - 1));
        // "old" has waited the limit: it goes, and "older" (an earlier timestamp) goes first.
        assertEquals(List.of("older", "old"), order.release(HOLD));
        assertEquals(List.of(), order.release(HOLD + 29_999));
        assertEquals(List.of("young"), order.release(HOLD + 30_000));
    }

    @Test
    void aChangedNumberOfSourcesStartsOver() {
        order.watermark(0, 1, 5_000);
        assertTrue(order.passes(4_000, 0));
        order.watermark(0, 2, 5_000);
        assertFalse(order.passes(4_000, 0), "source 1 of 2 has not reported");
        order.watermark(1, 2, 4_500);
        assertTrue(order.passes(4_000, 0));
    }

    @Test
    void theWaitIsMeasuredFromArrivalNotFromTheInputsOwnTimestamp() {
        assertEquals(Long.MAX_VALUE, order.waitingSince());
        hold(1_000, "a backlog record an hour old", 3_600_000);
        hold(3_600_500, "fresh", 3_600_500);
        assertEquals(3_600_000, order.waitingSince());
        order.watermark(0, 1, 2_000);
        assertEquals(List.of("a backlog record an hour old"), order.release(3_600_600));
        assertEquals(3_600_500, order.waitingSince());
    }

    @Test
    void nonsenseSourcesAreIgnored() {
        order.watermark(3, 2, 5_000);
        order.watermark(-1, 2, 5_000);
        order.watermark(0, 0, 5_000);
        assertEquals(Long.MIN_VALUE, order.releasePoint(0));
    }
}
