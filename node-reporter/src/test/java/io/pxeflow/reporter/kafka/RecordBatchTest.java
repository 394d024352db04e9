package io.pxeflow.reporter.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** Batches the lean producer writes, read back by the Kafka client's own record classes. */
class RecordBatchTest {
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void kafkaReadsOurBatchWithAValidCrcAndEveryRecordIntact() {
        List<io.pxeflow.reporter.kafka.RecordBatch.Entry> entries = new ArrayList<>();
        long t0 = 1_740_830_400_123L;
        entries.add(new io.pxeflow.reporter.kafka.RecordBatch.Entry(bytes("node15"), bytes("{\"v\":1}"), t0));
        entries.add(new io.pxeflow.reporter.kafka.RecordBatch.Entry(bytes("n\u00e9"), new byte[3000], t0 + 1500));
        entries.add(new io.pxeflow.reporter.kafka.RecordBatch.Entry(null, new byte[0], t0 - 7));

        MemoryRecords records = MemoryRecords.readableRecords(ByteBuffer.wrap(
            io.pxeflow.reporter.kafka.RecordBatch.encode(entries)));
        List<MutableRecordBatch> batches = new ArrayList<>();
        records.batches().forEach(batches::add);
        assertEquals(1, batches.size());
        MutableRecordBatch batch = batches.get(0);
        batch.ensureValid();
        assertTrue(batch.isValid(), "CRC-32C checks out");
        assertEquals(RecordBatch.MAGIC_VALUE_V2, batch.magic());
        assertEquals(CompressionType.NONE, batch.compressionType());
        assertEquals(TimestampType.CREATE_TIME, batch.timestampType());
        assertEquals(RecordBatch.NO_PRODUCER_ID, batch.producerId());
        assertEquals(RecordBatch.NO_SEQUENCE, batch.baseSequence());
        assertFalse(batch.isTransactional());
        assertEquals(3, batch.countOrNull());
        assertEquals(0, batch.baseOffset());
        assertEquals(2, batch.lastOffset());
        assertEquals(t0 + 1500, batch.maxTimestamp());

        List<Record> got = new ArrayList<>();
        batch.forEach(got::add);
        assertEquals(3, got.size());
        for (int i = 0; i < 3; i++) {
            io.pxeflow.reporter.kafka.RecordBatch.Entry want = entries.get(i);
            Record r = got.get(i);
            r.ensureValid();
            assertEquals(i, r.offset());
            assertEquals(want.timestampMs(), r.timestamp());
            if (want.key() == null) {
                assertFalse(r.hasKey());
            } else {
                assertArrayEquals(want.key(), Utils.toArray(r.key()));
            }
            assertArrayEquals(want.value(), Utils.toArray(r.value()));
            assertEquals(0, r.headers().length);
        }
    }

    @Test
    void sameBytesAsTheKafkaClientWritesForTheSameRecords() {
        long t0 = 1_700_000_000_000L;
        byte[] ours = io.pxeflow.reporter.kafka.RecordBatch.encode(List.of(
            new io.pxeflow.reporter.kafka.RecordBatch.Entry(bytes("node1"), bytes("a"), t0),
            new io.pxeflow.reporter.kafka.RecordBatch.Entry(bytes("node1"), bytes("bb"), t0 + 5)));
        MemoryRecords theirs = MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V2, 0L, Compression.NONE,
            TimestampType.CREATE_TIME, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH,
            RecordBatch.NO_SEQUENCE, RecordBatch.NO_PARTITION_LEADER_EPOCH, false,
            new SimpleRecord(t0, bytes("node1"), bytes("a")), new SimpleRecord(t0 + 5, bytes("node1"), bytes("bb")));
        assertArrayEquals(Utils.toArray(theirs.buffer()), ours);
    }

    @Test
    void aCorruptedByteIsCaughtByTheCrc() {
        byte[] ours = io.pxeflow.reporter.kafka.RecordBatch.encode(List.of(
            new io.pxeflow.reporter.kafka.RecordBatch.Entry(bytes("k"), bytes("value"), 1L)));
        ours[ours.length - 3] ^= 1;
        MutableRecordBatch batch = MemoryRecords.readableRecords(ByteBuffer.wrap(ours)).batches().iterator().next();
        assertFalse(batch.isValid());
        assertThrows(RuntimeException.class, batch::ensureValid);
    }
}
