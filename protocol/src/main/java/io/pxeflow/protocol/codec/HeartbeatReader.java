package io.pxeflow.protocol.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.Heartbeat.FilesystemUsage;
import io.pxeflow.protocol.message.Heartbeat.InterfaceCounters;
import io.pxeflow.protocol.message.Versioned;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a heartbeat with Jackson's streaming parser instead of data binding, because the
 * controller decodes every heartbeat of the cluster and binding costs several times more than
 * the state machine it feeds. It takes only the shape every pxeflow writer produces: {@code "v"}
 * first and equal to the current schema, each field once with its natural JSON type. Anything
 * else (a missing primitive, a string where a number goes, a duplicate, an invalid field) makes
 * it answer {@code null}, and {@link Codec} decodes those bytes the general way, so what is
 * accepted and every refusal reason stay exactly the general path's. {@code HeartbeatReaderTest}
 * holds the two paths to the same answers.
 */
final class HeartbeatReader implements Codec.FastReader<Heartbeat> {
    private static final int NODE = 1;
    private static final int BOOT_ID = 1 << 1;
    private static final int SEQ = 1 << 2;
    private static final int TIME = 1 << 3;
    private static final int INTERVAL = 1 << 4;
    private static final int REPORTER = 1 << 5;
    private static final int KERNEL = 1 << 6;
    private static final int UPTIME = 1 << 7;
    private static final int LOAD1 = 1 << 8;
    private static final int LOAD5 = 1 << 9;
    private static final int LOAD15 = 1 << 10;
    private static final int CPU_BUSY = 1 << 11;
    private static final int CPU_IOWAIT = 1 << 12;
    private static final int CPU_COUNT = 1 << 13;
    private static final int MEM_TOTAL = 1 << 14;
    private static final int MEM_AVAILABLE = 1 << 15;
    private static final int SWAP_TOTAL = 1 << 16;
    private static final int SWAP_USED = 1 << 17;
    private static final int FILESYSTEMS = 1 << 18;
    private static final int INTERFACES = 1 << 19;
    private static final int PRIMITIVES = SEQ | INTERVAL;

    private final JsonFactory factory;

    HeartbeatReader(JsonFactory factory) {
        this.factory = factory;
    }

    @Override
    public Heartbeat readOrNull(byte[] bytes) {
        try (JsonParser p = factory.createParser(bytes)) {
            Heartbeat hb = read(p);
            // Trailing tokens are refused by the general path; let it say so.
            return hb != null && p.nextToken() == null ? hb : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Heartbeat read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT || !"v".equals(p.nextFieldName())
            || p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
            || p.getIntValue() != Versioned.SCHEMA) {
            return null;
        }
        String node = null;
        String bootId = null;
        long seq = 0;
        Instant time = null;
        int interval = 0;
        String reporter = null;
        String kernel = null;
        Double uptime = null;
        Double load1 = null;
        Double load5 = null;
        Double load15 = null;
        Double cpuBusy = null;
        Double cpuIowait = null;
        Integer cpuCount = null;
        Long memTotal = null;
        Long memAvailable = null;
        Long swapTotal = null;
        Long swapUsed = null;
        List<FilesystemUsage> filesystems = null;
        List<InterfaceCounters> interfaces = null;
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            int bit;
            switch (name) {
                case "node" -> { bit = NODE; node = text(p, t); }
                case "bootId" -> { bit = BOOT_ID; bootId = text(p, t); }
                case "seq" -> { bit = SEQ; seq = longValue(p, t); }
                case "time" -> { bit = TIME; time = instant(p, t); }
                case "intervalSeconds" -> { bit = INTERVAL; interval = intValue(p, t); }
                case "reporterVersion" -> { bit = REPORTER; reporter = text(p, t); }
                case "kernel" -> { bit = KERNEL; kernel = text(p, t); }
                case "uptimeSeconds" -> { bit = UPTIME; uptime = decimal(p, t); }
                case "load1" -> { bit = LOAD1; load1 = decimal(p, t); }
                case "load5" -> { bit = LOAD5; load5 = decimal(p, t); }
                case "load15" -> { bit = LOAD15; load15 = decimal(p, t); }
                case "cpuBusy" -> { bit = CPU_BUSY; cpuBusy = decimal(p, t); }
                case "cpuIowait" -> { bit = CPU_IOWAIT; cpuIowait = decimal(p, t); }
                case "cpuCount" -> { bit = CPU_COUNT; cpuCount = t == JsonToken.VALUE_NULL ? null : intValue(p, t); }
                case "memTotalBytes" -> { bit = MEM_TOTAL; memTotal = boxedLong(p, t); }
                case "memAvailableBytes" -> { bit = MEM_AVAILABLE; memAvailable = boxedLong(p, t); }
                case "swapTotalBytes" -> { bit = SWAP_TOTAL; swapTotal = boxedLong(p, t); }
                case "swapUsedBytes" -> { bit = SWAP_USED; swapUsed = boxedLong(p, t); }
                case "filesystems" -> { bit = FILESYSTEMS; filesystems = filesystems(p, t); }
                case "interfaces" -> { bit = INTERFACES; interfaces = interfaces(p, t); }
                default -> {
                    if ("v".equals(name)) {
                        return null;
                    }
                    // Unknown fields are ignored, as the general path does: newer reporters may add some.
                    p.skipChildren();
                    continue;
                }
            }
            if ((seen & bit) != 0) {
                return null;
            }
            seen |= bit;
        }
        if ((seen & PRIMITIVES) != PRIMITIVES) {
            return null;
        }
        return new Heartbeat(node, bootId, seq, time, interval, reporter, kernel, uptime, load1, load5, load15,
            cpuBusy, cpuIowait, cpuCount, memTotal, memAvailable, swapTotal, swapUsed, filesystems, interfaces);
    }

    private static List<FilesystemUsage> filesystems(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.START_ARRAY);
        List<FilesystemUsage> out = new ArrayList<>(4);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String mount = null;
            String device = null;
            String type = null;
            long size = 0;
            long free = 0;
            long avail = 0;
            int seen = 0;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                int bit;
                switch (name) {
                    case "mount" -> { bit = 1; mount = text(p, v); }
                    case "device" -> { bit = 2; device = text(p, v); }
                    case "type" -> { bit = 4; type = text(p, v); }
                    case "sizeBytes" -> { bit = 8; size = longValue(p, v); }
                    case "freeBytes" -> { bit = 16; free = longValue(p, v); }
                    case "availBytes" -> { bit = 32; avail = longValue(p, v); }
                    default -> {
                        p.skipChildren();
                        continue;
                    }
                }
                seen = once(seen, bit);
            }
            if ((seen & (8 | 16 | 32)) != (8 | 16 | 32)) {
                throw new NotPlain();
            }
            out.add(new FilesystemUsage(mount, device, type, size, free, avail));
        }
        expect(p.currentToken(), JsonToken.END_ARRAY);
        return out;
    }

    private static List<InterfaceCounters> interfaces(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.START_ARRAY);
        List<InterfaceCounters> out = new ArrayList<>(4);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String name = null;
            long[] c = new long[6];
            int seen = 0;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken v = p.nextToken();
                int i;
                switch (field) {
                    case "name" -> {
                        seen = once(seen, 1 << 6);
                        name = text(p, v);
                        continue;
                    }
                    case "rxBytes" -> i = 0;
                    case "txBytes" -> i = 1;
                    case "rxPackets" -> i = 2;
                    case "txPackets" -> i = 3;
                    case "rxErrors" -> i = 4;
                    case "txErrors" -> i = 5;
                    default -> {
                        p.skipChildren();
                        continue;
                    }
                }
                seen = once(seen, 1 << i);
                c[i] = longValue(p, v);
            }
            if ((seen & 0x3f) != 0x3f) {
                throw new NotPlain();
            }
            out.add(new InterfaceCounters(name, c[0], c[1], c[2], c[3], c[4], c[5]));
        }
        expect(p.currentToken(), JsonToken.END_ARRAY);
        return out;
    }

    private static int once(int seen, int bit) {
        if ((seen & bit) != 0) {
            throw new NotPlain();
        }
        return seen | bit;
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static long longValue(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.VALUE_NUMBER_INT);
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw new NotPlain();
        }
        return p.getLongValue();
    }

    private static Long boxedLong(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : longValue(p, t);
    }

    private static int intValue(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.VALUE_NUMBER_INT);
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw new NotPlain();
        }
        return p.getIntValue();
    }

    private static Double decimal(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw new NotPlain();
        }
        return p.getDoubleValue();
    }

    private static Instant instant(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.VALUE_STRING);
        String text = p.getText();
        Instant plain = utcInstant(text);
        if (plain != null) {
            return plain;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new NotPlain();
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, the form {@link Instant#toString} writes, read without
     * the formatter (which costs as much as the rest of the heartbeat); {@code null} for any
     * other spelling, which {@link Instant#parse} then reads or refuses.
     */
    static Instant utcInstant(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || n == 21 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
            || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':' || n > 20 && s.charAt(19) != '.') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int nanos = 0;
        for (int i = 20; i < n - 1; i++) {
            int d = digit(s.charAt(i));
            if (d < 0) {
                return null;
            }
            nanos = nanos * 10 + d;
        }
        for (int scale = n == 20 ? 0 : 30 - n; scale > 0; scale--) {
            nanos *= 10;
        }
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
            || day > java.time.YearMonth.of(year, month).lengthOfMonth() || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = digit(s.charAt(i));
            if (d < 0) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int digit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    private static void expect(JsonToken actual, JsonToken wanted) {
        if (actual != wanted) {
            throw new NotPlain();
        }
    }

    /** The bytes are not in the plain shape; the general path decides. Stackless: it is control flow. */
    private static final class NotPlain extends RuntimeException {
        NotPlain() {
            super(null, null, false, false);
        }
    }
}
