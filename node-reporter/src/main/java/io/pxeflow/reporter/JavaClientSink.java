package io.pxeflow.reporter;

import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Heartbeats through the Kafka Java client, for clusters that need what the lean producer does
 * not do (TLS, SASL, other producer settings). Only this class and {@link KafkaSettings} touch
 * the client, so a reporter on the lean path never loads its ~1,300 classes.
 */
final class JavaClientSink implements HeartbeatSink {
    private final Producer<String, byte[]> producer;
    private final String topic;

    JavaClientSink(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    static JavaClientSink start(ReporterConfig config, String node) {
        return new JavaClientSink(new KafkaProducer<>(KafkaSettings.heartbeats(config, node), new StringSerializer(),
            new ByteArraySerializer()), config.topics().heartbeats());
    }

    @Override
    public void send(String key, byte[] value, Completion done) {
        producer.send(new ProducerRecord<>(topic, key, value), (meta, error) -> done.done(error));
    }

    @Override
    public String describe() {
        return "the Kafka Java client";
    }

    @Override
    public void close(Duration timeout) {
        producer.close(timeout);
    }
}
