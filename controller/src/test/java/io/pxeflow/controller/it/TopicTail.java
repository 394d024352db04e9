package io.pxeflow.controller.it;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.testkit.KafkaTestClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads one topic from its beginning, committed records only, on its own thread, for as long as
 * the test runs: what any outside consumer of the controller's output would see.
 */
final class TopicTail<T> implements AutoCloseable {
    private final List<T> values = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    TopicTail(String bootstrap, String topic, Codec<T> codec) {
        this.consumer = KafkaTestClients.consumer(bootstrap);
        this.thread = new Thread(() -> run(topic, codec), "tail-" + topic);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run(String topic, Codec<T> codec) {
        try {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.value() != null && codec.decode(r.value()) instanceof Decoded.Ok<T> ok) {
                        values.add(ok.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Everything read so far, in the order read (per partition: the order written). */
    List<T> values() {
        return List.copyOf(values);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
