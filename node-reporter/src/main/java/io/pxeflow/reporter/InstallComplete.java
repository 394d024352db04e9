package io.pxeflow.reporter;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.reporter.collect.BootId;
import io.pxeflow.reporter.collect.ProcFs;
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
 * from a kickstart %post or a first-boot unit. It is the node's own report, on the node's own
 * input ({@code heartbeats}, keyed by the node), and names the boot it was sent from: the
 * controller takes it only while an install is in progress on that node, from the installer's
 * boot. A reporter never writes {@code commands}. It waits for the broker's acknowledgement, so
 * an exit status of 0 means the controller will see it.
 */
public final class InstallComplete {
    private static final Logger LOG = LoggerFactory.getLogger(InstallComplete.class);

    private InstallComplete() {
    }

    /** The report the controller receives; the request id lets a caller correlate it. */
    public static InstallReport report(String node, String bootId, String requestId, Instant now) {
        return InstallReport.of(node, bootId, now, requestId);
    }

    /** Sends the signal and waits for the ack; true when the broker acknowledged it. */
    public static boolean send(ReporterConfig config, String node) {
        String bootId = BootId.read(new ProcFs(config.root()));
        if (bootId == null) {
            LOG.error("node {}: install-complete not sent: this system has no boot id (/proc/sys/kernel/random/boot_id)",
                node);
            return false;
        }
        String requestId = "install-" + UUID.randomUUID();
        InstallReport report = report(node, bootId, requestId, Instant.now());
        String topic = config.topics().heartbeats();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaSettings.installComplete(config, node),
                new StringSerializer(), new ByteArraySerializer())) {
            RecordMetadata md = producer.send(new ProducerRecord<>(topic, node, Codec.INSTALL_REPORT.encode(report)))
                .get(config.ackTimeoutSeconds() + 5L, TimeUnit.SECONDS);
            LOG.info("node {}: install-complete {} (boot {}) acknowledged on {}-{}@{}", node, requestId, bootId, md.topic(),
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
