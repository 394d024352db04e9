package io.pxeflow.reporter.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.reporter.collect.CpuUsage.Fractions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CpuUsageTest {

    @Test
    void firstSampleHasNoFractions() {
        assertEquals(new Fractions(null, null), new CpuUsage().update(new CpuTimes(100, 900, 0L)));
    }

    @Test
    void fractionsAreOfTheDeltaNotSinceBoot() {
        CpuUsage u = new CpuUsage();
        u.update(new CpuTimes(1000, 9000, 0L));
        // +300 busy, +600 idle, +100 iowait in the interval
        assertEquals(new Fractions(0.3, 0.1), u.update(new CpuTimes(1300, 9600, 100L)));
    }

    @Test
    void iowaitSteppingBackwardsCountsAsZero() {
        CpuUsage u = new CpuUsage();
        u.update(new CpuTimes(1000, 9000, 500L));
        assertEquals(new Fractions(0.5, 0.0), u.update(new CpuTimes(1100, 9100, 400L)));
    }

    @Test
    void kernelWithoutIowaitGivesBusyOnly() {
        CpuUsage u = new CpuUsage();
        u.update(new CpuTimes(10, 90, null));
        assertEquals(new Fractions(0.25, null), u.update(new CpuTimes(20, 120, null)));
    }

    @Test
    void noTicksElapsedMeansUnknown() {
        CpuUsage u = new CpuUsage();
        u.update(new CpuTimes(10, 90, 0L));
        assertEquals(new Fractions(null, null), u.update(new CpuTimes(10, 90, 0L)));
    }

    @Property
    void fractionsStayWithinZeroAndOne(@ForAll @LongRange(max = 1_000_000) long b1, @ForAll @LongRange(max = 1_000_000) long i1,
                                       @ForAll @LongRange(max = 1_000_000) long w1, @ForAll @LongRange(max = 1_000_000) long b2,
                                       @ForAll @LongRange(max = 1_000_000) long i2, @ForAll @LongRange(max = 1_000_000) long w2) {
        CpuUsage u = new CpuUsage();
        u.update(new CpuTimes(b1, i1, w1));
        Fractions f = u.update(new CpuTimes(b2, i2, w2));
        if (f.busy() != null) {
            assertEquals(true, f.busy() >= 0 && f.busy() <= 1 && f.iowait() >= 0 && f.busy() + f.iowait() <= 1.0001, f.toString());
        }
    }
}
