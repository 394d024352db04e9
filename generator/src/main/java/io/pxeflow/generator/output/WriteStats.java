package io.pxeflow.generator.output;

/** What one apply did to the output directory. */
public record WriteStats(int written, int skipped, int deleted, int archived, int validationRefusals) {
    public static final WriteStats ZERO = new WriteStats(0, 0, 0, 0, 0);

    public WriteStats plus(WriteStats o) {
        return new WriteStats(written + o.written, skipped + o.skipped, deleted + o.deleted, archived + o.archived,
            validationRefusals + o.validationRefusals);
    }
}
