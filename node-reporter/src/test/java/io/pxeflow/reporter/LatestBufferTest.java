package io.pxeflow.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LatestBufferTest {

    @Test
    void keepsTheNewestAndCountsTheDropped() {
        LatestBuffer<Integer> b = new LatestBuffer<>(3);
        for (int i = 1; i <= 10; i++) {
            b.offerNewest(i);
        }
        assertEquals(3, b.size());
        assertEquals(7, b.dropped());
        assertEquals(List.of(8, 9, 10), drain(b));
    }

    @Test
    void aFailedSendGoesBackAsTheOldestUnlessFull() {
        LatestBuffer<Integer> b = new LatestBuffer<>(2);
        b.offerNewest(5);
        assertTrue(b.offerOldest(4));
        assertFalse(b.offerOldest(3), "full: everything waiting is newer than the failed one");
        assertEquals(1, b.dropped());
        assertEquals(List.of(4, 5), drain(b));
    }

    /** Whatever the mix of offers, the buffer never exceeds its capacity and nothing is lost uncounted. */
    @Property
    void neverGrowsPastCapacity(@ForAll @IntRange(min = 1, max = 8) int capacity,
                                @ForAll @Size(max = 200) List<Boolean> newestOrRequeue) {
        LatestBuffer<Integer> b = new LatestBuffer<>(capacity);
        int offered = 0;
        for (boolean newest : newestOrRequeue) {
            if (newest) {
                b.offerNewest(offered);
            } else {
                b.offerOldest(offered);
            }
            offered++;
            assertTrue(b.size() <= capacity);
        }
        assertEquals(offered, b.size() + b.dropped());
    }

    @Property
    void offeringNewestOnlyKeepsTheLastN(@ForAll @IntRange(min = 1, max = 8) int capacity,
                                         @ForAll @IntRange(max = 100) int count) {
        LatestBuffer<Integer> b = new LatestBuffer<>(capacity);
        for (int i = 0; i < count; i++) {
            b.offerNewest(i);
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = Math.max(0, count - capacity); i < count; i++) {
            expected.add(i);
        }
        assertEquals(expected, drain(b));
    }

    private static List<Integer> drain(LatestBuffer<Integer> b) {
        List<Integer> out = new ArrayList<>();
        for (Integer i = b.poll(); i != null; i = b.poll()) {
            out.add(i);
        }
        return out;
    }
}
