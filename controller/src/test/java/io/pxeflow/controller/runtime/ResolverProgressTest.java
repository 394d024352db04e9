package io.pxeflow.controller.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ResolverProgressTest {
    private static final TopicPartition DHCP = new TopicPartition("pxeflow.dhcp", 2);
    private static final TopicPartition PXE = new TopicPartition("pxeflow.pxe", 2);
    private final ResolverProgress progress = new ResolverProgress(List.of(DHCP, PXE));

    private static EndOffsets look(long at, long dhcpEnd, long pxeEnd, Map<TopicPartition, Long> committed) {
        return new EndOffsets(at, Map.of(DHCP, dhcpEnd, PXE, pxeEnd), committed, 6);
    }

    @Test
    void theNewestLookReadPastOnEveryPartitionGivesTheWatermark() {
        progress.processed(DHCP, 9);
        progress.processed(PXE, 4);
        List<EndOffsets> looks = List.of(look(3_000, 12, 5, Map.of()), look(2_000, 10, 5, Map.of()), look(1_000, 8, 3, Map.of()));
        HopRecords.Watermark w = progress.watermark(2, looks);
        assertEquals(new HopRecords.Watermark(2, 6, 2_000 - ResolverProgress.SLACK_MS), w);
    }

    @Test
    void committedOffsetsCountWhenTheTaskHasProcessedNothingSinceItStarted() {
        assertNull(progress.watermark(2, List.of(look(1_000, 10, 5, Map.of()))));
        HopRecords.Watermark w = progress.watermark(2, List.of(look(1_000, 10, 5, Map.of(DHCP, 10L, PXE, 5L))));
        assertEquals(1_000 - ResolverProgress.SLACK_MS, w.millis());
    }

    @Test
    void emptyPartitionsArePassedAndUnknownOnesAreNot() {
        assertEquals(500 - ResolverProgress.SLACK_MS, progress.watermark(2, List.of(look(500, 0, 0, Map.of()))).millis());
        assertNull(progress.watermark(2, List.of(new EndOffsets(500, Map.of(DHCP, 0L), Map.of(), 6))));
    }

    @Test
    void aTaskBehindEveryLookHasNoWatermark() {
        progress.processed(DHCP, 3);
        progress.processed(PXE, 100);
        assertNull(progress.watermark(2, List.of(look(2_000, 10, 5, Map.of()), look(1_000, 8, 3, Map.of()))));
    }

    @Test
    void watermarkRecordsRoundTripAndNonsenseIsRefused() {
        assertEquals(new HopRecords.Watermark(3, 6, 1234567890123L),
            HopRecords.parseWatermark(HopRecords.watermark(3, 6, 1234567890123L)));
        assertNull(HopRecords.parseWatermark("3,6".getBytes()));
        assertNull(HopRecords.parseWatermark("a,b,c".getBytes()));
        assertNull(HopRecords.parseWatermark(null));
    }
}
