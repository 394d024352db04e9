package io.pxeflow.protocol.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.ConfigApplied;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.DeadLetter;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DiscoveredMac;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.PowerRequest;
import io.pxeflow.protocol.message.PowerResult;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.Versioned;
import java.io.IOException;

/**
 * JSON encoding of one wire type. {@link #decode} turns any bytes into a {@link Decoded}: a
 * value, or a failure whose reason says what was wrong (the consumer routes it to deadletter).
 */
public final class Codec<T> implements Decoder<T> {
    public static final Codec<DhcpEvent> DHCP = new Codec<>(DhcpEvent.class);
    public static final Codec<PxeEvent> PXE = new Codec<>(PxeEvent.class);
    public static final Codec<Heartbeat> HEARTBEAT =
        new Codec<>(Heartbeat.class, new HeartbeatReader(Json.mapper().getFactory()));
    public static final Codec<InstallReport> INSTALL_REPORT = new Codec<>(InstallReport.class);
    public static final Codec<Command> COMMAND = new Codec<>(Command.class);
    public static final Codec<ConfigRecord> CONFIG = new Codec<>(ConfigRecord.class);
    public static final Codec<ConfigApplied> CONFIG_APPLIED = new Codec<>(ConfigApplied.class);
    public static final Codec<LifecycleEvent> EVENT = new Codec<>(LifecycleEvent.class);
    public static final Codec<NodeState> NODE_STATE = new Codec<>(NodeState.class);
    public static final Codec<DiscoveredMac> DISCOVERED = new Codec<>(DiscoveredMac.class);
    public static final Codec<DeadLetter> DEAD_LETTER = new Codec<>(DeadLetter.class);
    public static final Codec<ClusterInventory> INVENTORY = new Codec<>(ClusterInventory.class);
    public static final Codec<PowerRequest> POWER_REQUEST = new Codec<>(PowerRequest.class);
    public static final Codec<PowerResult> POWER_RESULT = new Codec<>(PowerResult.class);

    /** How every pxeflow writer starts a record: the version first, then the fields. */
    private static final byte[] CURRENT_VERSION_PREFIX =
        ("{\"v\":" + Versioned.SCHEMA + ",").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final ObjectMapper mapper;
    private final FastReader<T> fast;

    /**
     * A reader for the one shape pxeflow's own writers produce, for a type decoded too often for
     * data binding. It answers {@code null} for anything else, and the general path decides.
     */
    interface FastReader<T> {
        T readOrNull(byte[] bytes);
    }

    public Codec(Class<T> type) {
        this(type, null);
    }

    private Codec(Class<T> type, FastReader<T> fast) {
        this.type = type;
        this.fast = fast;
        this.mapper = Json.mapper();
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writerFor(type);
    }

    public Class<T> type() {
        return type;
    }

    public byte[] encode(T value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Our own records always serialise; failing here is a programming error.
            throw new IllegalStateException("cannot encode " + type.getSimpleName(), e);
        }
    }

    public String encodeToString(T value) {
        return new String(encode(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public Decoded<T> decode(byte[] bytes) {
        if (bytes == null) {
            return Decoded.failure("empty payload");
        }
        if (bytes.length > Json.MAX_MESSAGE_BYTES) {
            return Decoded.failure("payload of " + bytes.length + " bytes exceeds " + Json.MAX_MESSAGE_BYTES);
        }
        if (fast != null) {
            T value = fast.readOrNull(bytes);
            if (value != null) {
                return Decoded.ok(value);
            }
        }
        try {
            if (versionIsPlainlyCurrent(bytes)) {
                // Binding the bytes directly gives what binding their tree would, at about half the cost.
                T value = reader.readValue(bytes);
                return value == null ? Decoded.failure("null " + type.getSimpleName()) : Decoded.ok(value);
            }
            JsonNode tree = mapper.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                return Decoded.failure("not a JSON object");
            }
            JsonNode v = tree.get("v");
            if (v == null) {
                return Decoded.failure("missing schema version field \"v\"");
            }
            if (!v.isInt()) {
                return Decoded.failure("schema version field \"v\" must be a whole number, got "
                    + Printable.quote(v.toString()));
            }
            if (v.intValue() < 1 || v.intValue() > Versioned.SCHEMA) {
                return Decoded.failure("unsupported schema version " + v.intValue() + " (this build reads up to "
                    + Versioned.SCHEMA + ")");
            }
            T value = reader.readValue(tree);
            if (value == null) {
                return Decoded.failure("null " + type.getSimpleName());
            }
            return Decoded.ok(value);
        } catch (JsonProcessingException e) {
            return Decoded.failure(reason(e));
        } catch (IOException | RuntimeException e) {
            return Decoded.failure(type.getSimpleName() + ": " + Printable.quote(String.valueOf(e.getMessage())));
        }
    }

    /**
     * True when the record opens with the current version and cannot name {@code "v"} again (no
     * second {@code "v"} and no escapes that could spell one): the version check is then done, and
     * the tree that would only serve it can be skipped. Anything else takes the checked path.
     */
    private static boolean versionIsPlainlyCurrent(byte[] bytes) {
        if (bytes.length <= CURRENT_VERSION_PREFIX.length) {
            return false;
        }
        for (int i = 0; i < CURRENT_VERSION_PREFIX.length; i++) {
            if (bytes[i] != CURRENT_VERSION_PREFIX[i]) {
                return false;
            }
        }
        for (int i = CURRENT_VERSION_PREFIX.length; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\\' || b == 'v' && bytes[i - 1] == '"' && i + 1 < bytes.length && bytes[i + 1] == '"') {
                return false;
            }
        }
        return true;
    }

    public Decoded<T> decode(String json) {
        return decode(json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Jackson wraps our validation errors; report the field rule, not Jackson's plumbing. */
    private String reason(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidFieldException ife) {
                return "invalid " + type.getSimpleName() + ": " + ife.getMessage();
            }
        }
        String msg = e.getOriginalMessage();
        if (msg != null && msg.length() > 300) {
            msg = msg.substring(0, 300) + "…";
        }
        return "malformed " + type.getSimpleName() + ": " + msg;
    }
}
