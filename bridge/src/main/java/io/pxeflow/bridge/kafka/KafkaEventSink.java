package io.pxeflow.bridge.kafka;

import io.pxeflow.bridge.spool.SpoolRecord;
import io.pxeflow.protocol.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An idempotent producer (acks=all, enable.idempotence=true) with short timeouts: when Kafka is
 * away the bridge should find out in seconds and spool, not sit in the producer's buffer.
 * After a failure the producer is closed and a fresh one made on the next attempt, so a
 * producer stuck on a dead broker or a fenced epoch never lingers.
 */
public final class KafkaEventSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSink.class);

    private final KafkaConnection kafka;
    private final String bootstrap;
    private final Duration timeout;
    private KafkaProducer<String, byte[]> producer;

    public KafkaEventSink(String bootstrap, Duration timeout) {
        this(KafkaConnection.plain(bootstrap), timeout);
    }

    public KafkaEventSink(KafkaConnection kafka, Duration timeout) {
        this.kafka = kafka;
        this.bootstrap = kafka.bootstrap();
        this.timeout = timeout;
    }

    @Override
    public int deliver(List<SpoolRecord> records) {
        if (records.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            KafkaProducer<String, byte[]> p = producer();
            for (SpoolRecord r : records) {
                Future<RecordMetadata> ack = p.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
                acks.add(ack);
                if (ack.isDone() && failed(ack)) {
                    // Refused before it was queued (no metadata within max.block.ms): every later send
                    // would wait as long again, a whole batch for minutes, while no source is read.
                    break;
                }
            }
            p.flush();
        } catch (KafkaException e) {
            LOG.warn("Kafka at {} refused a send: {}", bootstrap, e.toString());
        }
        int ok = 0;
        for (Future<RecordMetadata> f : acks) {
            try {
                f.get();
                ok++;
            } catch (ExecutionException e) {
                LOG.warn("Kafka at {} did not acknowledge event {} of {}: {}", bootstrap, ok + 1, records.size(),
                    e.getCause().toString());
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ok;
    }

    private static boolean failed(Future<RecordMetadata> done) {
        try {
            done.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = kafka.properties();
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "pxeflow-bridge");
            long ms = timeout.toMillis();
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(ms));
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ms));
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(ms * 2 + 10));
            p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void reset() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(timeout);
            producer = null;
        }
    }
}
