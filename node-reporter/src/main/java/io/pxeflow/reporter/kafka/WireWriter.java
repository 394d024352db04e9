package io.pxeflow.reporter.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Big-endian Kafka wire primitives into a growing byte array: fixed-width integers, zig-zag and
 * unsigned varints, and the "compact" (flexible-version) strings, arrays and empty tagged fields.
 */
final class WireWriter {
    private byte[] buf;
    private int pos;

    WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    int position() {
        return pos;
    }

    WireWriter int8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    WireWriter int16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    WireWriter int32(int v) {
        ensure(4);
        putInt32(pos, v);
        pos += 4;
        return this;
    }

    WireWriter int64(long v) {
        int32((int) (v >>> 32));
        return int32((int) v);
    }

    /** Overwrites four bytes written earlier (a length or CRC known only at the end). */
    void putInt32(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    WireWriter unsignedVarint(int v) {
        ensure(5);
        int value = v;
        while ((value & 0xffffff80) != 0) {
            buf[pos++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
        return this;
    }

    /** Zig-zag varint, as record fields use. */
    WireWriter varint(int v) {
        return unsignedVarint((v << 1) ^ (v >> 31));
    }

    /** Zig-zag varlong (the record's timestamp delta). */
    WireWriter varlong(long v) {
        ensure(10);
        long value = (v << 1) ^ (v >> 63);
        while ((value & 0xffffffffffffff80L) != 0L) {
            buf[pos++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
        return this;
    }

    WireWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    WireWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** A classic STRING/NULLABLE_STRING: int16 length (-1 for null), UTF-8 bytes. */
    WireWriter nullableString(String s) {
        if (s == null) {
            return int16(-1);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return int16(b.length).bytes(b);
    }

    /** COMPACT_(NULLABLE_)STRING: unsigned varint length+1 (0 for null), UTF-8 bytes. */
    WireWriter compactString(String s) {
        if (s == null) {
            return unsignedVarint(0);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return unsignedVarint(b.length + 1).bytes(b);
    }

    /** COMPACT_RECORDS / COMPACT_BYTES. */
    WireWriter compactBytes(byte[] b) {
        return unsignedVarint(b.length + 1).bytes(b);
    }

    /** The length prefix of a COMPACT_ARRAY of n elements. */
    WireWriter compactArrayLength(int n) {
        return unsignedVarint(n + 1);
    }

    /** No tagged fields: the reporter never sends optional extensions. */
    WireWriter noTaggedFields() {
        return unsignedVarint(0);
    }

    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
