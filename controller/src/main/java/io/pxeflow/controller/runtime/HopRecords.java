package io.pxeflow.controller.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The format of {@code controller.node-events}, the hop from the resolver to the node processor:
 * DHCP and PXE events re-keyed to their node, and the resolver tasks' watermarks, told by a
 * header. A watermark goes to every partition (each partition's sequencer needs every source's);
 * it reads {@code source,sources,millis}.
 */
final class HopRecords {
    static final String KIND_HEADER = "pxeflow-kind";
    static final String WATERMARK_KEY = "~watermark";
    static final char DHCP = 'd';
    static final char PXE = 'p';
    static final char WATERMARK = 'w';

    /** Watermarks to every partition; events where their node's key puts them (the producer's partitioner). */
    static final StreamPartitioner<String, byte[]> PARTITIONER = (topic, key, value, partitions) ->
        WATERMARK_KEY.equals(key) ? Optional.of(all(partitions)) : Optional.empty();

    private HopRecords() {
    }

    static Headers headers(char kind) {
        return new RecordHeaders().add(KIND_HEADER, new byte[] {(byte) kind});
    }

    /** The record's kind, or 0 when it has no (valid) kind header. */
    static char kindOf(Headers headers) {
        Header h = headers.lastHeader(KIND_HEADER);
        return h == null || h.value() == null || h.value().length != 1 ? 0 : (char) h.value()[0];
    }

    static byte[] watermark(int source, int sources, long millis) {
        return (source + "," + sources + "," + millis).getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a watermark's value; null if it is not one. */
    static Watermark parseWatermark(byte[] value) {
        if (value == null) {
            return null;
        }
        String[] parts = new String(value, StandardCharsets.US_ASCII).split(",", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            return new Watermark(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Set<Integer> all(int partitions) {
        return IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet());
    }

    /** Resolver task {@code source} (of {@code sources}) has forwarded every event up to {@code millis}. */
    record Watermark(int source, int sources, long millis) {
    }
}
