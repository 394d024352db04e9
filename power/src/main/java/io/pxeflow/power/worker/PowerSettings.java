package io.pxeflow.power.worker;

import io.pxeflow.power.domain.FanOut;
import io.pxeflow.power.domain.RetrySchedule;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Everything a power worker is configured with, typed and checked once, from flat keys (a
 * properties file, flags, the all-in-one: {@link #fromMap}). Only {@code main} reads files or
 * the environment.
 *
 * @param workerId     its name on results, and its consumer group: workers with the same id share the
 *                     requests (two head nodes of one rack), workers with different ids each see all
 * @param shard        the nodes whose BMCs this worker reaches (a rack's head node reaches its rack's)
 * @param callTimeout  the most one BMC call may take
 */
public record PowerSettings(
        String workerId,
        Topics topics,
        NodeShard shard,
        Path credentialsDir,
        FanOut fanOut,
        Duration callTimeout,
        RetrySchedule retries,
        String ipmitool,
        String ipmiCipherSuite,
        Path redfishCaFile,
        boolean redfishInsecure) {

    /** Every key with its default (empty: unset) and meaning, in {@code --help} order. */
    public static final Map<String, String[]> KEYS = keys();

    private static Map<String, String[]> keys() {
        Map<String, String[]> k = new LinkedHashMap<>();
        k.put("power.id", new String[] {"power", "name on results, consumer group: one id shares its requests"});
        k.put("topic.prefix", new String[] {Topics.DEFAULT_PREFIX, "prefix of the pxeflow topics"});
        k.put("node.filter", new String[] {"", "only nodes whose whole name matches (a rack)"});
        k.put("node.names", new String[] {"", "only these nodes (comma-separated)"});
        k.put("bmc.credentials-dir", new String[] {"/etc/pxeflow/bmc", "credentials files: NAME, mode 0600"});
        k.put("fanout.max-concurrent", new String[] {Integer.toString(FanOut.DEFAULT_MAX_CONCURRENT),
            "BMC operations at once"});
        k.put("fanout.per-second", new String[] {"10", "starts per second, evenly spaced; 0: no limit"});
        k.put("call.timeout-ms", new String[] {"10000", "the most one BMC call may take"});
        k.put("retry.attempts", new String[] {"3", "tries on timeouts, lost BMCs, BMC errors"});
        k.put("retry.backoff-ms", new String[] {"1000", "first pause between tries; doubles"});
        k.put("retry.backoff-max-ms", new String[] {"10000", "longest pause between tries"});
        k.put("ipmitool.path", new String[] {"ipmitool", "the ipmitool program"});
        k.put("ipmi.cipher-suite", new String[] {"3", "ipmitool -C; auto: its own (slow) discovery"});
        k.put("redfish.ca-file", new String[] {"", "PEM CA(s) Redfish BMCs are trusted by; default JDK's"});
        k.put("redfish.insecure", new String[] {"false", "true: no certificate check (labs only)"});
        return java.util.Collections.unmodifiableMap(k);
    }

    public static PowerSettings defaults() {
        return fromMap(Map.of());
    }

    /** Settings from flat keys; an unknown key or a bad value throws IllegalArgumentException naming the key. */
    public static PowerSettings fromMap(Map<String, String> raw) {
        Map<String, String> in = new LinkedHashMap<>();
        raw.forEach((key, v) -> {
            if (key.trim().startsWith("kafka.")) {
                return; // Kafka client settings (TLS, SASL): the command passes them to the worker's clients.
            }
            if (!KEYS.containsKey(key.trim())) {
                throw new IllegalArgumentException(key.trim() + ": unknown setting (known: " + new TreeSet<>(KEYS.keySet())
                    + ")");
            }
            if (v != null && !v.isBlank()) {
                in.put(key.trim(), v.trim());
            }
        });
        Function<String, String> get = key -> in.getOrDefault(key, KEYS.get(key)[0]);
        if (in.containsKey("node.filter") && in.containsKey("node.names")) {
            throw new IllegalArgumentException("node.filter: set node.filter or node.names, not both");
        }
        String suite = get.apply("ipmi.cipher-suite");
        if (!suite.equals("auto") && !suite.matches("[0-9]{1,2}")) {
            throw new IllegalArgumentException("ipmi.cipher-suite: a number (ipmitool -C) or auto: " + suite);
        }
        return new PowerSettings(
            checked("power.id", () -> Fields.token("power.id", get.apply("power.id"))),
            checked("topic.prefix", () -> new Topics(get.apply("topic.prefix"))),
            shard(in),
            Path.of(get.apply("bmc.credentials-dir")),
            fanOut(get),
            Duration.ofMillis(positive(get, "call.timeout-ms")),
            checked("retry.attempts", () -> new RetrySchedule(positive(get, "retry.attempts"),
                Duration.ofMillis(number(get, "retry.backoff-ms")), Duration.ofMillis(number(get, "retry.backoff-max-ms")),
                0.2)),
            get.apply("ipmitool.path"),
            suite.equals("auto") ? null : suite,
            in.containsKey("redfish.ca-file") ? Path.of(in.get("redfish.ca-file")) : null,
            bool(get, "redfish.insecure"));
    }

    private static FanOut fanOut(Function<String, String> get) {
        int concurrent = positive(get, "fanout.max-concurrent");
        double perSecond = checked("fanout.per-second", () -> Double.parseDouble(get.apply("fanout.per-second")));
        return checked("fanout.per-second", () -> new FanOut(concurrent, perSecond));
    }

    private static NodeShard shard(Map<String, String> in) {
        if (in.containsKey("node.filter")) {
            try {
                return NodeShard.matching(Pattern.compile(in.get("node.filter")));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("node.filter: not a regular expression: " + e.getDescription());
            }
        }
        if (in.containsKey("node.names")) {
            Set<String> names = Arrays.stream(in.get("node.names").split("[,\\s]+")).filter(s -> !s.isBlank())
                .map(n -> checked("node.names", () -> Fields.hostname("node.names", n))).collect(Collectors.toSet());
            return NodeShard.named(names);
        }
        return NodeShard.all();
    }

    private static <T> T checked(String key, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static int number(Function<String, String> get, String key) {
        try {
            return Integer.parseInt(get.apply(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a whole number: " + get.apply(key));
        }
    }

    private static int positive(Function<String, String> get, String key) {
        int n = number(get, key);
        if (n < 1) {
            throw new IllegalArgumentException(key + ": must be positive: " + n);
        }
        return n;
    }

    private static boolean bool(Function<String, String> get, String key) {
        String v = get.apply(key);
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + ": true or false: " + v);
        }
        return Boolean.parseBoolean(v);
    }

    /** The settings table for {@code --help}. */
    public static String describeKeys() {
        StringBuilder sb = new StringBuilder();
        KEYS.forEach((k, v) -> sb.append(String.format("  %-22s %s%s%n", k, v[1], v[0].isEmpty() ? "" : " (default "
            + v[0] + ")")));
        return sb.toString();
    }
}
