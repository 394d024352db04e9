package io.pxeflow.reporter.kafka;

/**
 * Produce v9–v12 of one record batch to one partition of a topic named in the request. The four
 * versions share one layout for a non-transactional producer (v10 and later only add tagged
 * fields, which are skipped); v13 names the topic by id, which the reporter does not need.
 */
final class ProduceExchange {
    static final short KEY = 0;
    static final int MIN_VERSION = 9;
    static final int MAX_VERSION = 12;

    /** The partition's answer: error code (0 = written), base offset, and the broker's message. */
    record Result(int error, long baseOffset, String message) {
    }

    private ProduceExchange() {
    }

    static byte[] request(String topic, int partition, short acks, int timeoutMs, byte[] batch) {
        WireWriter w = new WireWriter(batch.length + topic.length() + 32);
        w.compactString(null);
        w.int16(acks);
        w.int32(timeoutMs);
        w.compactArrayLength(1);
        w.compactString(topic);
        w.compactArrayLength(1);
        w.int32(partition);
        w.compactBytes(batch);
        w.noTaggedFields();
        w.noTaggedFields();
        return w.noTaggedFields().toByteArray();
    }

    static Result response(WireReader r, String topic, int partition) {
        Result result = null;
        int nTopics = r.compactArrayLength();
        for (int t = 0; t < nTopics; t++) {
            String name = r.compactString();
            int nPartitions = r.compactArrayLength();
            for (int p = 0; p < nPartitions; p++) {
                int index = r.int32();
                int error = r.int16();
                long baseOffset = r.int64();
                r.int64();
                r.int64();
                int nRecordErrors = r.compactArrayLength();
                String firstRecordError = null;
                for (int e = 0; e < nRecordErrors; e++) {
                    r.int32();
                    String m = r.compactString();
                    firstRecordError = firstRecordError == null ? m : firstRecordError;
                    r.skipTaggedFields();
                }
                String message = r.compactString();
                r.skipTaggedFields();
                if (topic.equals(name) && index == partition) {
                    result = new Result(error, baseOffset, message != null ? message : firstRecordError);
                }
            }
            r.skipTaggedFields();
        }
        r.int32();
        r.skipTaggedFields();
        if (result == null) {
            throw new KafkaProtocolException("Produce response does not mention " + topic + "-" + partition);
        }
        return result;
    }
}
