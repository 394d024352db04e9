package io.pxeflow.controller.runtime;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde over a protocol codec, for the controller's own stores and topics. Inputs from
 * outside are never read with it: they arrive as bytes and are decoded explicitly so that bad
 * messages can go to the dead-letter topic instead of stopping the stream.
 */
public final class JsonSerde<T> implements Serde<T> {
    private final Codec<T> codec;

    public JsonSerde(Codec<T> codec) {
        this.codec = codec;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : codec.encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            Decoded<T> d = codec.decode(bytes);
            if (d instanceof Decoded.Ok<T> ok) {
                return ok.value();
            }
            throw new IllegalStateException("corrupt " + codec.type().getSimpleName() + " in " + topic + ": "
                + ((Decoded.Failure<T>) d).reason());
        };
    }
}
