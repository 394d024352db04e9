package io.pxeflow.simulator;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Waits for a count to reach a target, giving up only when it stops moving: how fast the
 * controller registers 100,000 nodes is something to measure, not to guess a deadline for.
 */
public final class Progress {
    private Progress() {
    }

    public static void await(String what, IntSupplier count, int target, Duration stall, Duration poll)
            throws InterruptedException {
        int last = -1;
        long lastMove = System.nanoTime();
        while (true) {
            int now = count.getAsInt();
            if (now >= target) {
                return;
            }
            if (now != last) {
                last = now;
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > stall.toNanos()) {
                throw new IllegalStateException(what + ": stuck at " + now + " of " + target + " for " + stall);
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
