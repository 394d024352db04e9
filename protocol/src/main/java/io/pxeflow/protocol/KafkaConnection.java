package io.pxeflow.protocol;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where Kafka is and how a pxeflow client talks to it: the bootstrap servers plus Kafka client
 * settings (TLS, SASL, trust and key stores, ...). Every process builds its clients' properties
 * from this, so one way of giving {@code security.protocol}, {@code sasl.*} and {@code ssl.*}
 * works for all of them, the same as the node reporter's {@code kafka.*} keys:
 * <ul>
 *   <li>{@code kafka.<client setting>} in a process's settings file (controller, generator,
 *       reporter) or in a Kafka settings file ({@code --kafka-config FILE} /
 *       {@code PXEFLOW_KAFKA_CONFIG}), whose keys may also be plain Kafka keys as for Kafka's own
 *       tools' {@code --command-config};</li>
 *   <li>{@code PXEFLOW_KAFKA_<SETTING>} in the environment, the setting upper-cased with dots as
 *       underscores ({@code PXEFLOW_KAFKA_SECURITY_PROTOCOL=SASL_SSL}).</li>
 * </ul>
 * A file wins over the environment, so a shared {@code pxeflow.env} can carry the trust store
 * and each unit its own credentials. Nothing here needs the Kafka client on the class path.
 *
 * @param bootstrap bootstrap servers, host:port[,...]
 * @param settings  Kafka client settings other than bootstrap.servers and the (de)serializers
 */
public record KafkaConnection(String bootstrap, Map<String, String> settings) {
    /** The prefix of Kafka client settings among a process's own settings. */
    public static final String PREFIX = "kafka.";
    /** The prefix of Kafka client settings in the environment. */
    public static final String ENV_PREFIX = "PXEFLOW_KAFKA_";
    /** The environment variable naming a Kafka settings file. */
    public static final String CONFIG_ENV = "PXEFLOW_KAFKA_CONFIG";
    /** The {@code --kafka-config} option's description, the same in every command that takes it. */
    public static final String CONFIG_HELP = "Kafka client settings file (security.protocol, sasl.*, ssl.*; "
        + "keys plain or kafka.-prefixed) (default: $" + CONFIG_ENV + ")";
    /** Chosen by each process itself; a settings file that set them would break it. */
    private static final Set<String> RESERVED = Set.of("bootstrap.servers", "key.serializer", "value.serializer",
        "key.deserializer", "value.deserializer");

    public KafkaConnection {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are required");
        }
        bootstrap = bootstrap.trim();
        Map<String, String> checked = new TreeMap<>();
        (settings == null ? Map.<String, String>of() : settings).forEach((k, v) -> {
            String key = k.trim();
            if (!key.matches("[a-z0-9][a-z0-9._-]*")) {
                throw new IllegalArgumentException("not a Kafka client setting: '" + key + "'");
            }
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException(PREFIX + key + " is chosen by pxeflow itself"
                    + (key.equals("bootstrap.servers") ? "; give the servers with --bootstrap" : ""));
            }
            checked.put(key, v == null ? "" : v.trim());
        });
        settings = java.util.Collections.unmodifiableMap(checked);
    }

    /** A connection without any client settings: PLAINTEXT, no authentication. */
    public static KafkaConnection plain(String bootstrap) {
        return new KafkaConnection(bootstrap, Map.of());
    }

    /**
     * The connection of a head-node process: {@code bootstrap} (else the environment's, see
     * {@link KafkaBootstrap}), the {@code PXEFLOW_KAFKA_*} variables, then the settings file
     * ({@code file}, else {@code $PXEFLOW_KAFKA_CONFIG}), then {@code own}: the {@code kafka.*}
     * keys of the process's own settings (those in {@code ownKeys} are the process's, not Kafka's).
     */
    public static KafkaConnection resolve(String bootstrap, Path file, Map<String, String> own, Set<String> ownKeys,
                                          Map<String, String> env) {
        Map<String, String> s = new LinkedHashMap<>(fromEnvironment(env));
        Path f = file != null ? file : blankToNull(env.get(CONFIG_ENV)) == null ? null : Path.of(env.get(CONFIG_ENV).trim());
        if (f != null) {
            s.putAll(readFile(f));
        }
        s.putAll(fromPrefixed(own, ownKeys));
        return new KafkaConnection(KafkaBootstrap.resolve(bootstrap, env), s);
    }

    /** The {@code kafka.*} keys of {@code m} with the prefix removed, except the process's own {@code ownKeys}. */
    public static Map<String, String> fromPrefixed(Map<String, String> m, Set<String> ownKeys) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> {
                String key = k.trim();
                if (key.startsWith(PREFIX) && !ownKeys.contains(key)) {
                    out.put(key.substring(PREFIX.length()), v);
                }
            });
        }
        return out;
    }

    /** {@code PXEFLOW_KAFKA_SASL_MECHANISM=...} as {@code sasl.mechanism=...}. */
    public static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        new TreeMap<>(env).forEach((k, v) -> {
            if (k.startsWith(ENV_PREFIX) && !k.equals(CONFIG_ENV) && v != null && !v.isBlank()) {
                out.put(k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        return out;
    }

    /** A Kafka settings file: Java properties, keys plain or {@code kafka.}-prefixed. */
    public static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the Kafka settings file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k ->
            out.put(k.startsWith(PREFIX) ? k.substring(PREFIX.length()) : k, p.getProperty(k)));
        return out;
    }

    /** The same connection with {@code more} settings over these. */
    public KafkaConnection with(Map<String, String> more) {
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.putAll(more);
        return new KafkaConnection(bootstrap, s);
    }

    /** The same settings against other servers. */
    public KafkaConnection withBootstrap(String servers) {
        return new KafkaConnection(servers, settings);
    }

    /**
     * Client properties: bootstrap.servers and the settings. A process puts its own settings over
     * these (so no file can turn off, say, its exactly-once guarantee); security settings are
     * never among a process's own.
     */
    public Properties properties() {
        Properties p = new Properties();
        p.putAll(settings);
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /** {@link #properties()} as a map. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>(settings);
        m.put("bootstrap.servers", bootstrap);
        return m;
    }

    /** The security protocol in force (PLAINTEXT unless set). */
    public String securityProtocol() {
        return settings.getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
    }

    /** For logs: the servers and how the client authenticates, no secret. */
    public String describe() {
        StringBuilder sb = new StringBuilder(bootstrap).append(" (").append(securityProtocol());
        String mechanism = settings.get("sasl.mechanism");
        if (securityProtocol().startsWith("SASL")) {
            sb.append(", ").append(mechanism == null ? "GSSAPI" : mechanism);
            String user = jaasUser(settings.get("sasl.jaas.config"));
            if (user != null) {
                sb.append(" as ").append(user);
            }
        } else if (securityProtocol().equals("SSL") && settings.containsKey("ssl.keystore.location")) {
            sb.append(", client certificate");
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return "KafkaConnection[" + describe() + "]";
    }

    private static String jaasUser(String jaas) {
        if (jaas == null) {
            return null;
        }
        var m = java.util.regex.Pattern.compile("username\\s*=\\s*\"([^\"]*)\"").matcher(jaas);
        return m.find() ? m.group(1) : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
