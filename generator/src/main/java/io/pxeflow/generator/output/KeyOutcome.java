package io.pxeflow.generator.output;

import io.pxeflow.generator.render.Output;
import io.pxeflow.protocol.message.ConfigOutcome;
import java.util.Set;

/**
 * What happened to one config key's latest record. {@code node} is null for host reservations
 * (config-status is keyed by node); {@code touched} lists the outputs whose files changed, which
 * decides the reload hooks an APPLIED report has to wait for.
 */
public record KeyOutcome(String key, String node, long generation, ConfigOutcome outcome, String reason,
                         Set<Output> touched) {
    public KeyOutcome {
        touched = Set.copyOf(touched);
    }

    public KeyOutcome withOutcome(ConfigOutcome o, String why, Set<Output> alsoTouched) {
        java.util.EnumSet<Output> all = java.util.EnumSet.noneOf(Output.class);
        all.addAll(touched);
        all.addAll(alsoTouched);
        return new KeyOutcome(key, node, generation, o, why, all);
    }
}
