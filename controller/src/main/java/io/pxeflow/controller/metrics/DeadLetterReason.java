package io.pxeflow.controller.metrics;

/**
 * Reduces a dead letter's free-text reason to one of a few words, so the {@code reason} label of
 * {@code pxeflow_dead_letters_total} stays bounded whatever the input says.
 */
public final class DeadLetterReason {
    public static final String EMPTY = "empty";
    public static final String TOO_LARGE = "too-large";
    public static final String MALFORMED = "malformed";
    public static final String SCHEMA_VERSION = "schema-version";
    public static final String INVALID = "invalid";
    public static final String KEY_MISMATCH = "key-mismatch";
    public static final String OTHER = "other";
    /** Every class {@link #classify} answers. */
    public static final java.util.List<String> ALL = java.util.List.of(EMPTY, TOO_LARGE, MALFORMED, SCHEMA_VERSION,
        INVALID, KEY_MISMATCH, OTHER);

    private DeadLetterReason() {
    }

    public static String classify(String reason) {
        if (reason == null || reason.isEmpty()) {
            return OTHER;
        }
        if (reason.startsWith("empty payload")) {
            return EMPTY;
        }
        if (reason.startsWith("payload of ")) {
            return TOO_LARGE;
        }
        if (reason.startsWith("malformed ") || reason.startsWith("not a JSON object") || reason.startsWith("null ")) {
            return MALFORMED;
        }
        if (reason.contains("schema version")) {
            return SCHEMA_VERSION;
        }
        if (reason.startsWith("invalid ")) {
            return INVALID;
        }
        if (reason.startsWith("key ")) {
            return KEY_MISMATCH;
        }
        return OTHER;
    }
}
