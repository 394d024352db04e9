package io.pxeflow.reporter.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * ApiVersions v3, the first request on every connection: the broker says which versions of each
 * request it accepts, and the connection picks the newest one both sides know. Its response
 * header is always v0 (no tagged fields), so that a broker can answer a client newer than itself.
 */
final class ApiVersionsExchange {
    static final short KEY = 18;
    static final short VERSION = 3;

    /** min and max version the broker accepts, per API key. */
    record Supported(Map<Integer, int[]> ranges) {
        /** The highest version in [ourMin, ourMax] the broker accepts, or -1. */
        int pick(int apiKey, int ourMin, int ourMax) {
            int[] r = ranges.get(apiKey);
            if (r == null) {
                return -1;
            }
            int v = Math.min(ourMax, r[1]);
            return v >= Math.max(ourMin, r[0]) ? v : -1;
        }
    }

    private ApiVersionsExchange() {
    }

    static byte[] request(String softwareVersion) {
        return new WireWriter(48).compactString("pxeflow-reporter").compactString(softwareName(softwareVersion))
            .noTaggedFields().toByteArray();
    }

    /** The broker checks the version against [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?. */
    static String softwareName(String version) {
        String v = version.replaceAll("[^a-zA-Z0-9.-]", "-").replaceAll("^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$", "");
        return v.isEmpty() ? "unknown" : v;
    }

    static Supported response(WireReader r) {
        short error = r.int16();
        if (error != 0) {
            // An older broker answers UNSUPPORTED_VERSION in the v0 layout; the lean producer needs v3.
            throw new KafkaProtocolException("ApiVersions v3 refused: " + ErrorCodes.name(error));
        }
        int n = r.compactArrayLength();
        Map<Integer, int[]> ranges = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int key = r.int16();
            int min = r.int16();
            int max = r.int16();
            r.skipTaggedFields();
            ranges.put(key, new int[] {min, max});
        }
        r.int32();
        r.skipTaggedFields();
        return new Supported(ranges);
    }
}
