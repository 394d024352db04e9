package io.pxeflow.reporter.kafka;

import java.nio.charset.StandardCharsets;

/**
 * Reads a Kafka response body: the mirror of {@link WireWriter}, plus skipping of the tagged
 * fields newer brokers add (the reporter needs none of them). Running past the end is a
 * {@link KafkaProtocolException}, never an index error.
 */
final class WireReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    WireReader(byte[] buf) {
        this.buf = buf;
        this.end = buf.length;
    }

    int remaining() {
        return end - pos;
    }

    int int8() {
        need(1);
        return buf[pos++];
    }

    boolean bool() {
        return int8() != 0;
    }

    short int16() {
        need(2);
        int v = (buf[pos] & 0xff) << 8 | (buf[pos + 1] & 0xff);
        pos += 2;
        return (short) v;
    }

    int int32() {
        need(4);
        int v = (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8 | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    long int64() {
        long hi = int32() & 0xffffffffL;
        long lo = int32() & 0xffffffffL;
        return hi << 32 | lo;
    }

    int unsignedVarint() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = int8();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new KafkaProtocolException("varint longer than 5 bytes");
    }

    void skip(int n) {
        if (n < 0) {
            throw new KafkaProtocolException("negative length " + n);
        }
        need(n);
        pos += n;
    }

    /** COMPACT_NULLABLE_STRING; null for the null marker. */
    String compactString() {
        int n = unsignedVarint() - 1;
        if (n < 0) {
            return null;
        }
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Element count of a COMPACT_ARRAY; -1 for a null array. */
    int compactArrayLength() {
        int n = unsignedVarint() - 1;
        if (n > remaining()) {
            throw new KafkaProtocolException("array of " + n + " elements in " + remaining() + " bytes");
        }
        return n;
    }

    void skipCompactInt32Array() {
        int n = compactArrayLength();
        if (n > 0) {
            skip(4 * n);
        }
    }

    void skipTaggedFields() {
        int count = unsignedVarint();
        for (int i = 0; i < count; i++) {
            unsignedVarint();
            skip(unsignedVarint());
        }
    }

    private void need(int n) {
        if (end - pos < n) {
            throw new KafkaProtocolException("response ends early: need " + n + " bytes, " + (end - pos) + " left");
        }
    }
}
