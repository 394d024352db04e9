package io.pxeflow.generator.output;

import java.util.List;

/**
 * The result of applying a batch: per-key outcomes ready to report, the files that changed (for
 * reload hooks), counts (for metrics and tests), and every change that was refused with why: a
 * key's outcome keeps only its latest record, but each refused record is owed a dead letter.
 */
public record ApplyReport(List<KeyOutcome> outcomes, List<FileChange> changes, WriteStats stats,
                          List<Refusal> refusals) {
    public ApplyReport {
        outcomes = List.copyOf(outcomes);
        changes = List.copyOf(changes);
        refusals = List.copyOf(refusals);
    }

    public ApplyReport(List<KeyOutcome> outcomes, List<FileChange> changes, WriteStats stats) {
        this(outcomes, changes, stats, List.of());
    }

    /** A change that left the key's files as they were, and the reason. */
    public record Refusal(ConfigChange change, String reason) {
    }
}
