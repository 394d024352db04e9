package io.pxeflow.controller.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pxeflow.controller.domain.AddressHold;
import io.pxeflow.protocol.codec.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON for the resolver's store of held inputs (one client's queue per key); the value bytes are base64. */
final class HeldInputsSerde implements Serde<List<AddressHold.Held<HeldInput>>> {
    private static final TypeReference<List<AddressHold.Held<HeldInput>>> TYPE = new TypeReference<>() {
    };

    @Override
    public Serializer<List<AddressHold.Held<HeldInput>>> serializer() {
        return (topic, value) -> {
            try {
                return value == null ? null : Json.mapper().writeValueAsBytes(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Override
    public Deserializer<List<AddressHold.Held<HeldInput>>> deserializer() {
        return (topic, bytes) -> {
            try {
                return bytes == null ? null : Json.mapper().readValue(bytes, TYPE);
            } catch (IOException e) {
                throw new IllegalStateException("corrupt held inputs in " + topic, e);
            }
        };
    }
}
