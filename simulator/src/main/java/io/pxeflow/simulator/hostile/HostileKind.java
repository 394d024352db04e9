package io.pxeflow.simulator.hostile;

/**
 * The kinds of hostile input the torture sends, with how often each is drawn. Every kind is one a
 * pxeflow sender never writes; the huge ones are rare because each costs a megabyte on the wire.
 */
public enum HostileKind {
    NOT_JSON(10),
    TRUNCATED(10),
    WRONG_TYPE(12),
    MISSING_FIELD(10),
    SCHEMA_VERSION(8),
    INJECTION(16),
    BAD_MAC(8),
    BAD_IP(8),
    NULL_KEY(5),
    KEY_MISMATCH(8),
    TOMBSTONE(4),
    /** About 900 KB: under the broker's and the codec's limits, so the decoder itself must refuse it. */
    HUGE(0.2),
    /** About 1.2 MB: above both limits; the broker may refuse it (counted, not sent) or the codec does. */
    OVER_LIMIT(0.05);

    private final double weight;

    HostileKind(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }
}
