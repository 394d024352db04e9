package io.pxeflow.reporter.kafka;

import java.util.List;
import java.util.zip.CRC32C;

/**
 * A v2 record batch (magic 2), uncompressed, without producer id or sequence numbers (no
 * idempotence, no transactions): the on-disk format a Produce request carries.
 *
 * <pre>
 * baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 | crc uint32 |
 * attributes int16 | lastOffsetDelta int32 | baseTimestamp int64 | maxTimestamp int64 |
 * producerId int64 | producerEpoch int16 | baseSequence int32 | records int32 | record...
 * record = length varint | attributes int8 | timestampDelta varlong | offsetDelta varint |
 *          keyLength varint | key | valueLength varint | value | headerCount varint
 * </pre>
 * The CRC is CRC-32C over everything from attributes to the end.
 */
final class RecordBatch {
    static final byte MAGIC = 2;
    private static final int LENGTH_OFFSET = 8;
    private static final int CRC_OFFSET = 17;
    private static final int ATTRIBUTES_OFFSET = 21;

    /** One record to write; the timestamp is its create time in epoch milliseconds. */
    record Entry(byte[] key, byte[] value, long timestampMs) {
    }

    private RecordBatch() {
    }

    static byte[] encode(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a record batch needs at least one record");
        }
        long base = entries.get(0).timestampMs();
        long max = base;
        int size = 61;
        for (Entry e : entries) {
            max = Math.max(max, e.timestampMs());
            size += 24 + (e.key() == null ? 0 : e.key().length) + e.value().length;
        }
        WireWriter w = new WireWriter(size);
        w.int64(0L);
        w.int32(0);
        w.int32(-1);
        w.int8(MAGIC);
        w.int32(0);
        w.int16(0);
        w.int32(entries.size() - 1);
        w.int64(base);
        w.int64(max);
        w.int64(-1L);
        w.int16(-1);
        w.int32(-1);
        w.int32(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            WireWriter record = new WireWriter(64 + e.value().length);
            record.int8(0);
            record.varlong(e.timestampMs() - base);
            record.varint(i);
            if (e.key() == null) {
                record.varint(-1);
            } else {
                record.varint(e.key().length).bytes(e.key());
            }
            record.varint(e.value().length).bytes(e.value());
            record.varint(0);
            w.varint(record.position()).bytes(record.array(), 0, record.position());
        }
        w.putInt32(LENGTH_OFFSET, w.position() - LENGTH_OFFSET - 4);
        CRC32C crc = new CRC32C();
        crc.update(w.array(), ATTRIBUTES_OFFSET, w.position() - ATTRIBUTES_OFFSET);
        w.putInt32(CRC_OFFSET, (int) crc.getValue());
        return w.toByteArray();
    }
}
