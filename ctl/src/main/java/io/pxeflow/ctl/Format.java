package io.pxeflow.ctl;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The short forms a table cell has room for: ages {@code 4s 3m 2h 5d}, memory {@code 12.3G}. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String UNITS = "KMGTPE";

    private Format() {
    }

    /** Whole units, truncated: an age is "at least this old", as kubectl prints it. */
    public static String age(double seconds) {
        if (Double.isNaN(seconds)) {
            return "-";
        }
        long s = Math.max(0, (long) seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86_400) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }

    public static String age(Instant then, Instant now) {
        return then == null ? "-" : age(Duration.between(then, now).toMillis() / 1000.0);
    }

    /** Binary units (what free(1) -h shows), at most five characters: 512B, 1.5K, 12.3G, 1023M. */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "-";
        }
        if (bytes < 1024) {
            return bytes + "B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length() - 1) {
            value /= 1024;
            unit++;
        }
        // Rounding 1023.96 to one decimal would print "1024.0M": promote it instead.
        if (value >= 1023.95 && unit < UNITS.length() - 1) {
            value /= 1024;
            unit++;
        }
        String number = value < 99.95 ? String.format(Locale.ROOT, "%.1f", value)
            : String.format(Locale.ROOT, "%.0f", value);
        return number + UNITS.charAt(unit);
    }

    public static String load(double load) {
        return Double.isNaN(load) ? "-" : String.format(Locale.ROOT, "%.2f", load);
    }

    public static String time(Instant instant, ZoneId zone) {
        return instant == null ? "-" : TIME.format(instant.atZone(zone));
    }

    /** 75 -> "1m15s": elapsed time on the reprovision progress lines. */
    public static String elapsed(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + String.format(Locale.ROOT, "%02ds", s % 60);
        }
        return s / 3600 + "h" + String.format(Locale.ROOT, "%02dm", s % 3600 / 60);
    }
}
