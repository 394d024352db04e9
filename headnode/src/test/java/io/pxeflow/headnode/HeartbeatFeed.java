package io.pxeflow.headnode;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.simulator.Wire;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The heartbeats of every booted node except the reporter's: what the nodes' reporters would
 * send, every {@code seconds}, through a plain producer that keeps records while
 * the broker is away (as a reporter keeps its latest samples).
 */
final class HeartbeatFeed implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final int seconds;
    private final String topic;
    private final Map<String, Heartbeat> last = new ConcurrentHashMap<>();
    private final Set<String> nodes = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;
    /** Rounds in which every node's heartbeat was accepted: after one, {@link #last} is what was sent. */
    private final AtomicLong fullRounds = new AtomicLong();

    HeartbeatFeed(String kafka, String topic, int seconds) {
        this.seconds = seconds;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        // Like a reporter: never wait long for a broker that is away.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.thread = new Thread(this::run, "heartbeat-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void add(String node) {
        nodes.add(node);
    }

    long fullRounds() {
        return fullRounds.get();
    }

    Heartbeat last(String node) {
        return last.get(node);
    }

    private void run() {
        long seq = 0;
        while (running) {
            seq++;
            boolean full = true;
            for (String node : nodes) {
                Heartbeat hb = Wire.heartbeat(node, "boot-" + node, seq, seconds, Instant.now());
                last.put(node, hb);
                Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, node, Codec.HEARTBEAT.encode(hb)));
                if (ack.isDone() && !ackedNow(ack)) {
                    // No metadata: the broker is away; this round's other heartbeats would wait as long.
                    full = false;
                    break;
                }
            }
            if (full) {
                fullRounds.incrementAndGet();
            }
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean ackedNow(Future<RecordMetadata> ack) {
        try {
            ack.get();
            return true;
        } catch (ExecutionException | InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        producer.close(Duration.ofSeconds(5));
    }
}
