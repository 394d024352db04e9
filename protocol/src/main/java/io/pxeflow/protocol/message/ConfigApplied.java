package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import java.time.Instant;

/** A generator's report on one node's boot config generation, keyed by node on config-status. */
public record ConfigApplied(String generator, String node, long generation, ConfigOutcome outcome,
                            String reason, Instant time) implements Versioned {
    public ConfigApplied {
        Fields.token("generator", generator);
        Fields.hostname("node", node);
        if (outcome == null) {
            throw new InvalidFieldException("outcome", "missing");
        }
        Fields.text("reason", reason, 2048);
        if (time == null) {
            throw new InvalidFieldException("time", "missing");
        }
    }
}
