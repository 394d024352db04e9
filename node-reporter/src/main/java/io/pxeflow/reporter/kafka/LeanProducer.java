package io.pxeflow.reporter.kafka;

import io.pxeflow.reporter.HeartbeatSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plaintext Kafka producer for one topic, about 20 classes instead of the Java client's
 * ~1,300: one sender thread takes queued records, asks for the topic's metadata when it has none
 * (or it is old), writes each partition's records as one v2 record batch to the partition's
 * leader and waits for the answer. A retriable error or a lost connection drops the metadata and
 * tries again with exponential backoff until the delivery timeout; a fatal error fails the
 * records at once. Partitions are chosen like the Java client's default partitioner.
 *
 * <p>Everything but the queue and {@code closed} is confined to the sender thread.
 */
public final class LeanProducer implements HeartbeatSink {
    private static final Logger LOG = LoggerFactory.getLogger(LeanProducer.class);
    /** The heartbeat loop keeps at most two records in flight; this only guards against misuse. */
    private static final int QUEUE_CAPACITY = 64;

    private record Outgoing(byte[] key, byte[] value, long timestampMs, Completion done) {
    }

    private final LeanSettings settings;
    private final BlockingQueue<Outgoing> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Map<String, BrokerConnection> connections = new ConcurrentHashMap<>();
    private final Thread sender;
    private volatile boolean closed;
    private MetadataExchange.Topic metadata;
    private long metadataReadAt;
    private int backoffMs;
    private String lastProblem = "no attempt yet";
    private boolean announced;

    private LeanProducer(LeanSettings settings) {
        this.settings = settings;
        this.backoffMs = settings.backoffMs();
        this.sender = new Thread(this::run, "pxeflow-reporter-kafka");
        sender.setDaemon(true);
    }

    public static LeanProducer start(LeanSettings settings) {
        LeanProducer p = new LeanProducer(settings);
        p.sender.start();
        return p;
    }

    @Override
    public void send(String key, byte[] value, Completion done) {
        if (closed) {
            throw new IllegalStateException("producer closed");
        }
        Outgoing o = new Outgoing(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value,
            System.currentTimeMillis(), done);
        if (!queue.offer(o)) {
            done.done(new DeliveryFailedException("send queue full (" + QUEUE_CAPACITY + " records)"));
        }
    }

    @Override
    public String describe() {
        return "the built-in plaintext producer (acks=" + (settings.acks() == -1 ? "all" : "1") + ")";
    }

    @Override
    public void close(Duration timeout) {
        closed = true;
        sender.interrupt();
        try {
            sender.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A sender blocked in a socket read ignores interrupts; closing the socket wakes it.
        connections.values().forEach(BrokerConnection::close);
        connections.clear();
    }

    private void run() {
        try {
            while (!closed) {
                List<Outgoing> batch = new ArrayList<>();
                batch.add(queue.take());
                queue.drainTo(batch);
                deliver(batch);
            }
        } catch (InterruptedException e) {
            // close() asked the sender to stop.
        } finally {
            List<Outgoing> left = new ArrayList<>();
            queue.drainTo(left);
            fail(left, "producer closed");
            connections.values().forEach(BrokerConnection::close);
            connections.clear();
        }
    }

    /** Tries until every record is written, failed for good, or out of time. */
    private void deliver(List<Outgoing> batch) throws InterruptedException {
        long deadline = System.nanoTime() + settings.deliveryTimeoutMs() * 1_000_000L;
        List<Outgoing> left = batch;
        while (true) {
            try {
                left = attempt(left);
            } catch (IOException | KafkaProtocolException e) {
                lastProblem = e.toString();
                metadata = null;
            }
            if (left.isEmpty()) {
                backoffMs = settings.backoffMs();
                return;
            }
            if (closed) {
                fail(left, "producer closed");
                return;
            }
            long waitNs = backoffMs * 1_000_000L;
            if (System.nanoTime() + waitNs > deadline) {
                fail(left, "not delivered within " + settings.deliveryTimeoutMs() + " ms; last problem: " + lastProblem);
                return;
            }
            LOG.debug("node {}: retrying {} record(s) in {} ms: {}", settings.node(), left.size(), backoffMs, lastProblem);
            Thread.sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, settings.backoffMaxMs());
        }
    }

    /** One round: returns the records to retry (the others were completed). */
    private List<Outgoing> attempt(List<Outgoing> records) throws IOException {
        MetadataExchange.Topic md = metadata();
        if (md.topicError() != ErrorCodes.NONE || md.partitions().isEmpty()) {
            int code = md.topicError() != ErrorCodes.NONE ? md.topicError() : ErrorCodes.UNKNOWN_TOPIC_OR_PARTITION;
            metadata = null;
            return retryOrFail(records, code, "topic " + settings.topic());
        }
        int n = md.partitions().size();
        Map<Integer, List<Outgoing>> byPartition = new LinkedHashMap<>();
        for (Outgoing o : records) {
            int partition = o.key() == null ? 0 : KeyPartitioner.partition(o.key(), n);
            byPartition.computeIfAbsent(partition, k -> new ArrayList<>()).add(o);
        }
        List<Outgoing> retry = new ArrayList<>();
        for (Map.Entry<Integer, List<Outgoing>> e : byPartition.entrySet()) {
            retry.addAll(produce(md, md.partitions().get(e.getKey()), e.getValue()));
        }
        return retry;
    }

    private List<Outgoing> produce(MetadataExchange.Topic md, MetadataExchange.Partition p, List<Outgoing> records)
            throws IOException {
        MetadataExchange.Broker leader = md.brokers().get(p.leader());
        if (p.leader() < 0 || leader == null) {
            metadata = null;
            return retryOrFail(records, ErrorCodes.LEADER_NOT_AVAILABLE, settings.topic() + "-" + p.index());
        }
        List<RecordBatch.Entry> entries = new ArrayList<>(records.size());
        for (Outgoing o : records) {
            entries.add(new RecordBatch.Entry(o.key(), o.value(), o.timestampMs()));
        }
        BrokerConnection c = connection(leader.host(), leader.port());
        ProduceExchange.Result result;
        try {
            result = c.produce(settings.topic(), p.index(), settings.acks(), settings.requestTimeoutMs(),
                RecordBatch.encode(entries));
        } catch (IOException | KafkaProtocolException e) {
            drop(c);
            throw e;
        }
        if (result.error() == ErrorCodes.NONE) {
            for (Outgoing o : records) {
                o.done().done(null);
            }
            return List.of();
        }
        metadata = null;
        String where = settings.topic() + "-" + p.index() + " on " + c.address()
            + (result.message() == null ? "" : " (" + result.message() + ")");
        return retryOrFail(records, result.error(), where);
    }

    private List<Outgoing> retryOrFail(List<Outgoing> records, int code, String where) {
        lastProblem = ErrorCodes.name(code) + " for " + where;
        if (ErrorCodes.retriable(code)) {
            return records;
        }
        fail(records, lastProblem);
        return List.of();
    }

    /** The cached metadata, or fresh metadata from the first broker that answers. */
    private MetadataExchange.Topic metadata() throws IOException {
        long now = System.nanoTime();
        if (metadata != null && now - metadataReadAt < settings.metadataMaxAgeMs() * 1_000_000L) {
            return metadata;
        }
        Set<String> candidates = new LinkedHashSet<>(connections.keySet());
        candidates.addAll(settings.bootstrap());
        IOException last = null;
        for (String address : candidates) {
            int colon = address.lastIndexOf(':');
            String host = address.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(address.substring(colon + 1));
            BrokerConnection c = null;
            try {
                c = connection(host, port);
                metadata = c.metadata(settings.topic());
                metadataReadAt = now;
                return metadata;
            } catch (IOException | KafkaProtocolException e) {
                if (c != null) {
                    drop(c);
                }
                last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        }
        throw last != null ? last : new IOException("no bootstrap servers");
    }

    private BrokerConnection connection(String host, int port) throws IOException {
        String address = host + ":" + port;
        BrokerConnection c = connections.get(address);
        if (c == null) {
            c = BrokerConnection.open(host, port, settings.clientId(), settings.softwareVersion(),
                settings.connectTimeoutMs(), settings.requestTimeoutMs() + 2_000);
            connections.put(address, c);
            if (!announced) {
                announced = true;
                LOG.info("node {}: connected to Kafka broker {} ({})", settings.node(), address, c.versions());
            }
        }
        return c;
    }

    private void drop(BrokerConnection c) {
        connections.remove(c.address(), c);
        c.close();
    }

    private static void fail(List<Outgoing> records, String why) {
        for (Outgoing o : records) {
            o.done().done(new DeliveryFailedException(why));
        }
    }
}
