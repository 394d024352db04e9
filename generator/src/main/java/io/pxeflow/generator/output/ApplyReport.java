package io.pxeflow.generator.output;

import java.util.List;

/**
 * The result of applying a batch: per-key outcomes ready to report, the files that changed (for
 * reload hooks) and counts (for metrics and tests).
 */
public record ApplyReport(List<KeyOutcome> outcomes, List<FileChange> changes, WriteStats stats) {
    public ApplyReport {
        outcomes = List.copyOf(outcomes);
        changes = List.copyOf(changes);
    }
}
