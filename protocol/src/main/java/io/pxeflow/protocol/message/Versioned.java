package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Every wire record carries {@code "v"}, the schema version it was written with. */
public interface Versioned {
    /** The schema version this build writes and the highest it reads. */
    int SCHEMA = 1;

    @JsonProperty(value = "v", index = 0, access = JsonProperty.Access.READ_ONLY)
    default int schemaVersion() {
        return SCHEMA;
    }
}
