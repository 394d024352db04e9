package io.pxeflow.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pxeflow.protocol.message.Heartbeat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The streaming heartbeat reader must never change what the codec answers: for any bytes, the
 * codec with it gives the value or the refusal reason the general (data-binding) path gives.
 */
class HeartbeatReaderTest {
    private static final Codec<Heartbeat> GENERAL = new Codec<>(Heartbeat.class);
    private static final HeartbeatReader READER = new HeartbeatReader(Json.mapper().getFactory());

    /** Replacement values for one field, covering every JSON type and the edge spellings of each. */
    private static final List<String> VALUES = List.of("null", "0", "-1", "1", "1.0", "1.5", "1e3", "-0", "\"1\"",
        "\"x\"", "\"\"", "true", "[]", "{}", "[1]", "{\"a\":1}", "9223372036854775807", "9223372036854775808",
        "2147483648", "\"2024-05-01T10:00:00Z\"", "\"2024-05-01T10:00:00+01:00\"", "\"2024-05-01T10:00:00\"",
        "\"1714557600\"", "1714557600", "\"node;rm\"", "\"a\\nb\"", "\"\\u0076\"", "1e400", "[null]",
        "[{\"mount\":\"/\",\"device\":\"d\",\"type\":\"t\",\"sizeBytes\":1,\"freeBytes\":1}]",
        "[{\"name\":\"eth0\",\"rxBytes\":1,\"txBytes\":1,\"rxPackets\":1,\"txPackets\":1,\"rxErrors\":1,\"txErrors\":1.0}]");
    private static final List<String> FIELDS = List.of("v", "node", "bootId", "seq", "time", "intervalSeconds",
        "reporterVersion", "kernel", "uptimeSeconds", "load1", "cpuCount", "memTotalBytes", "filesystems", "interfaces",
        "mount", "sizeBytes", "rxBytes", "name", "unknown");

    @Test
    void readsWhatTheWritersProduce() {
        Heartbeat hb = Samples.heartbeat();
        assertEquals(hb, READER.readOrNull(Codec.HEARTBEAT.encode(hb)));
    }

    @Test
    void leavesEveryIrregularShapeToTheGeneralPath() {
        String good = Codec.HEARTBEAT.encodeToString(Samples.heartbeat());
        assertNull(READER.readOrNull(bytes(good.replace("{\"v\":1,", "{\"v\":2,"))));
        assertNull(READER.readOrNull(bytes(good.replace("\"seq\":42", "\"seq\":\"42\""))));
        assertNull(READER.readOrNull(bytes(good.replace("\"seq\":42,", ""))));
        assertNull(READER.readOrNull(bytes(good + " {}")));
        assertNull(READER.readOrNull(bytes(good.replace("\"seq\":42", "\"seq\":42,\"seq\":43"))));
        assertNull(READER.readOrNull(bytes(good.replace("\"node\":\"node15\"", "\"node\":\"node;15\""))));
    }

    @Property(tries = 1000)
    void theCodecAnswersWhatTheGeneralPathAnswers(@ForAll("heartbeatJson") String json, @ForAll("mutations") Mutation m) {
        byte[] bytes = bytes(m.apply(json));
        assertEquals(GENERAL.decode(bytes), Codec.HEARTBEAT.decode(bytes), () -> new String(bytes, StandardCharsets.UTF_8));
        Heartbeat fast = READER.readOrNull(bytes);
        if (fast != null) {
            assertEquals(GENERAL.decode(bytes), Decoded.ok(fast));
        }
    }

    @Property(tries = 500)
    void unmutatedHeartbeatsTakeTheFastPath(@ForAll("heartbeatJson") String json) {
        assertNotNull(READER.readOrNull(bytes(json)), json);
    }

    @Property(tries = 2000)
    void readsUtcInstantsAsInstantParseDoes(@ForAll("instantSpellings") String s) {
        Instant fast = HeartbeatReader.utcInstant(s);
        if (fast != null) {
            assertEquals(Instant.parse(s), fast, s);
        }
    }

    @Property(tries = 1000)
    void readsEveryInstantItsOwnWriterSpells(@ForAll("instants") Instant i) {
        assertEquals(i, HeartbeatReader.utcInstant(i.toString()));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L)
            .flatMap(s -> Arbitraries.of(0, 1_000_000, 123_000_000, 999_999_999, 1, 500)
                .map(n -> Instant.ofEpochSecond(s, n)));
    }

    /** Well-formed instants with one character changed, and their lengths around every fraction size. */
    @Provide
    Arbitrary<String> instantSpellings() {
        return Combinators.combine(instants(), Arbitraries.integers().between(0, 29), Arbitraries.of('0', '9', '6', '3',
                '2', '1', 'Z', '.', ':', '-', 'T', '+', ' '), Arbitraries.of(true, false))
            .as((i, at, c, damage) -> {
                String s = i.toString();
                return damage && at < s.length() ? s.substring(0, at) + c + s.substring(at + 1) : s;
            });
    }

    @Provide
    Arbitrary<String> heartbeatJson() {
        Arbitrary<Double> d = Arbitraries.doubles().between(-1e6, 1e12).injectNull(0.3);
        Arbitrary<Long> l = Arbitraries.longs().injectNull(0.3);
        Arbitrary<List<Heartbeat.FilesystemUsage>> fs = Combinators.combine(Arbitraries.of("/", "/var", "/scratch \"x\"",
                "/mnt/é"), Arbitraries.longs(), Arbitraries.longs())
            .as((mnt, a, b) -> new Heartbeat.FilesystemUsage(mnt, "/dev/x", "xfs", a, b, b)).list().ofMaxSize(3);
        Arbitrary<List<Heartbeat.InterfaceCounters>> nics = Arbitraries.longs().map(x ->
            new Heartbeat.InterfaceCounters("eth0", x, x, 1, 2, 0, 0)).list().ofMaxSize(2);
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_000_000_000L)
            .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        return Combinators.combine(Arbitraries.of("node15", "n1", "rack1-node0001"), Arbitraries.longs().greaterOrEqual(0),
                times, Arbitraries.integers().between(1, 3600), d, l, fs, nics)
            .as((node, seq, time, interval, load, mem, filesystems, interfaces) -> Codec.HEARTBEAT.encodeToString(
                new Heartbeat(node, "b00t-1d", seq, time, interval, "0.1.0", null, load, load, null, null, load, null,
                    mem == null ? null : (int) (long) mem, mem, mem, null, null, filesystems, interfaces)));
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.of(FIELDS), Arbitraries.of(VALUES),
            Arbitraries.longs()).as(Mutation::new);
    }

    /** One edit of a heartbeat's JSON: a field's value replaced, removed, repeated, or the bytes damaged. */
    record Mutation(int kind, String field, String value, long seed) {
        String apply(String json) {
            String key = "\"" + field + "\":";
            int at = json.indexOf(key);
            int end = at < 0 ? -1 : valueEnd(json, at + key.length());
            Random r = new Random(seed);
            switch (kind) {
                case 0:
                    return json;
                case 1:
                    return at < 0 ? json.replaceFirst("\\{", "{" + key + value + ",")
                        : json.substring(0, at + key.length()) + value + json.substring(end);
                case 2:
                    return at < 0 ? json : json.substring(0, at) + json.substring(Math.min(json.length() - 1, end + 1));
                case 3:
                    return at < 0 ? json : json.substring(0, end) + "," + key + value + json.substring(end);
                case 4:
                    return json.substring(0, json.length() - 1) + "," + key + value + "}";
                case 5:
                    return json + (r.nextBoolean() ? " " : " x");
                case 6: {
                    char[] c = json.toCharArray();
                    String damage = "{}[]\",:0a\\ ";
                    c[r.nextInt(c.length)] = damage.charAt(r.nextInt(damage.length()));
                    return new String(c);
                }
                default:
                    return json.substring(0, r.nextInt(json.length()));
            }
        }

        /** Index just past the JSON value starting at {@code from} (strings, numbers, literals, arrays, objects). */
        private static int valueEnd(String json, int from) {
            int depth = 0;
            boolean inString = false;
            for (int i = from; i < json.length(); i++) {
                char c = json.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                        if (depth == 0) {
                            return i + 1;
                        }
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '[' || c == '{') {
                    depth++;
                } else if (c == ']' || c == '}') {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                } else if (c == ',' && depth == 0) {
                    return i;
                }
            }
            return json.length();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
