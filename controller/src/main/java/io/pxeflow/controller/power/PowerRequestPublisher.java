package io.pxeflow.controller.power;

import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.PowerRequest;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes power requests to {@code power}, keyed by node, for the power workers. An idempotent
 * producer, not a transaction: a request is one record and touches no node state. Blocking until
 * the broker has it: never call it from an event loop.
 */
public final class PowerRequestPublisher implements AutoCloseable {
    private static final Duration MAX_BLOCK = Duration.ofSeconds(10);

    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;

    public PowerRequestPublisher(KafkaConnection kafka, Topics topics, String instanceId) {
        this.topics = topics;
        Properties p = kafka.properties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, instanceId + "-power");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis() - 1000));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Returns once the broker acknowledged the request; throws when it did not within 10 s. */
    public void publish(PowerRequest request) throws InterruptedException, ExecutionException, TimeoutException {
        producer.send(new ProducerRecord<>(topics.power(), request.node(), Codec.POWER_REQUEST.encode(request)))
            .get(MAX_BLOCK.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
