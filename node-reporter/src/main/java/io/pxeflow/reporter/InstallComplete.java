package io.pxeflow.reporter;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.Command;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-shot "install finished" signal for the {@code on-install-complete} stage policy, sent
 * from a kickstart %post or a first-boot unit. It waits for the broker's acknowledgement, so an
 * exit status of 0 means the controller will see it.
 */
public final class InstallComplete {
    private static final Logger LOG = LoggerFactory.getLogger(InstallComplete.class);

    private InstallComplete() {
    }

    /** The command the controller receives; the request id lets a caller correlate it. */
    public static Command.InstallComplete command(String node, String requestId, Instant now) {
        return new Command.InstallComplete(node, new Command.Meta(requestId, "reporter@" + node, now));
    }

    /** Sends the signal and waits for the ack; true when the broker acknowledged it. */
    public static boolean send(ReporterConfig config, String node) {
        String requestId = "install-" + UUID.randomUUID();
        Command cmd = command(node, requestId, Instant.now());
        String topic = config.topics().commands();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaSettings.installComplete(config, node),
                new StringSerializer(), new ByteArraySerializer())) {
            RecordMetadata md = producer.send(new ProducerRecord<>(topic, node, Codec.COMMAND.encode(cmd)))
                .get(config.ackTimeoutSeconds() + 5L, TimeUnit.SECONDS);
            LOG.info("node {}: install-complete {} acknowledged on {}-{}@{}", node, requestId, md.topic(),
                md.partition(), md.offset());
            return true;
        } catch (ExecutionException e) {
            LOG.error("node {}: install-complete was not acknowledged by {}: {}", node, config.bootstrap(),
                String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            LOG.error("node {}: install-complete not acknowledged within {} s", node, config.ackTimeoutSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("node {}: install-complete failed: {}", node, e.toString());
        }
        return false;
    }
}
