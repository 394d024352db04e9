package io.pxeflow.controller.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How far one resolver task has got, as a time: the newest end-offset look ({@link EndOffsets})
 * whose end offsets the task has read past on every one of its partitions, less a slack for
 * records stamped a moment before they were appended. Positions come from the records the task
 * processed, or the group's committed offsets when it has processed none since it started.
 */
final class ResolverProgress {
    /** Producers stamp a record (create time) a little before the broker appends it; this covers that. */
    static final long SLACK_MS = 50;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> next = new HashMap<>();

    ResolverProgress(List<TopicPartition> partitions) {
        this.partitions = List.copyOf(partitions);
    }

    void processed(TopicPartition tp, long offset) {
        next.merge(tp, offset + 1, Math::max);
    }

    /** The watermark the newest passed look gives, with its source count; null when none is passed yet. */
    HopRecords.Watermark watermark(int source, List<EndOffsets> newestFirst) {
        for (EndOffsets look : newestFirst) {
            if (passed(look)) {
                return new HopRecords.Watermark(source, look.sources(), look.askedAt() - SLACK_MS);
            }
        }
        return null;
    }

    private boolean passed(EndOffsets look) {
        for (TopicPartition tp : partitions) {
            Long end = look.ends().get(tp);
            if (end == null) {
                return false;
            }
            long position = Math.max(next.getOrDefault(tp, -1L), look.committed().getOrDefault(tp, -1L));
            if (position < end && end > 0) {
                return false;
            }
        }
        return true;
    }
}
