package io.pxeflow.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void agesUseTheLargestWholeUnit() {
        assertEquals("0s", Format.age(0.4));
        assertEquals("4s", Format.age(4.9));
        assertEquals("59s", Format.age(59));
        assertEquals("1m", Format.age(60));
        assertEquals("3m", Format.age(239));
        assertEquals("2h", Format.age(7200));
        assertEquals("23h", Format.age(86_399));
        assertEquals("5d", Format.age(5 * 86_400 + 10));
        assertEquals("-", Format.age(Double.NaN));
        assertEquals("0s", Format.age(-3), "clock skew never prints a negative age");
    }

    @Test
    void ageBetweenInstants() {
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        assertEquals("3m", Format.age(Instant.parse("2025-06-01T11:57:00Z"), now));
        assertEquals("-", Format.age(null, now));
    }

    @Test
    void bytesInBinaryUnitsWithinFiveCharacters() {
        assertEquals("512B", Format.bytes(512));
        assertEquals("1.0K", Format.bytes(1024));
        assertEquals("1.5K", Format.bytes(1536));
        assertEquals("12.3G", Format.bytes(13_207_024_435L));
        assertEquals("512M", Format.bytes(512L << 20));
        assertEquals("1023M", Format.bytes(1023L << 20));
        assertEquals("1.0G", Format.bytes((1L << 30) - 1), "rounding up to 1024 promotes the unit");
        assertEquals("64.0G", Format.bytes(64L << 30));
        assertEquals("-", Format.bytes(-1));
    }

    @Test
    void loadTimeAndElapsed() {
        assertEquals("0.52", Format.load(0.5234));
        assertEquals("-", Format.load(Double.NaN));
        assertEquals("2025-06-01 11:57:00", Format.time(Instant.parse("2025-06-01T11:57:00Z"), ZoneOffset.UTC));
        assertEquals("42s", Format.elapsed(Duration.ofSeconds(42)));
        assertEquals("1m05s", Format.elapsed(Duration.ofSeconds(65)));
        assertEquals("1h02m", Format.elapsed(Duration.ofMinutes(62)));
    }
}
