package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Where Kafka's lines go once {@code pxeflow up} has redirected them, and where pxeflow's stay. */
class KafkaLogFileTest {
    private final PrintStream realOut = System.out;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        System.setOut(realOut);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : KafkaLogFile.KAFKA_LOGGERS) {
            Logger logger = context.getLogger(name);
            logger.detachAndStopAllAppenders();
            logger.setAdditive(true);
            logger.setLevel(null);
        }
    }

    @Test
    void theShippedLogbackConfigurationLoadsWithoutAnError() throws Exception {
        LoggerContext fresh = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(fresh);
        configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
        List<Status> errors = fresh.getStatusManager().getCopyOfStatusList().stream()
            .filter(s -> s.getLevel() >= Status.WARN).toList();
        assertEquals(List.of(), errors);
        assertEquals("WARN", fresh.getLogger("org.apache.kafka").getLevel().toString());
        fresh.stop();
    }

    @Test
    void kafkaWarningsGoToTheFileAndOnlyRealErrorsToTheConsoleToo(@TempDir Path data) throws Exception {
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        Path file = data.resolve("logs/kafka.log");
        assertTrue(KafkaLogFile.redirect(file));

        LoggerFactory.getLogger("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils")
            .warn("Not updating last stable offset for partition pxeflow.addresses-5");
        LoggerFactory.getLogger("org.apache.kafka.streams.StreamsConfig").warn("Processing exception handler is not enabled");
        LoggerFactory.getLogger("kafka.server.ReplicaManager").error("[ReplicaManager broker=1] Error processing append "
            + "operation on partition x:pxeflow.dhcp-3", new IllegalStateException("out of order"));
        LoggerFactory.getLogger("org.apache.kafka.controller.EventPerformanceMonitor")
            .error("[QuorumController id=1] Exceptionally slow controller event handleCommit[baseOffset=0] took 2100 ms.");
        LoggerFactory.getLogger("kafka.server.BrokerServer").error("[BrokerServer id=1] Fatal error during broker startup",
            new IllegalStateException("Failed to acquire lock on file .lock"));
        LoggerFactory.getLogger("kafka.log.LogManager").info("Loading logs from log dirs");

        String text = Files.readString(file);
        assertTrue(text.contains("Not updating last stable offset"), text);
        assertTrue(text.contains("Processing exception handler is not enabled"), text);
        assertTrue(text.contains("Error processing append operation"), text);
        assertTrue(text.contains("Loading logs from log dirs"), "the file keeps Kafka's INFO lines: " + text);
        assertTrue(text.contains("at io.pxeflow.headnode.KafkaLogFileTest"), "the file has whole stack traces: " + text);

        String out = console.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("WARN"), "no Kafka WARN on the console: " + out);
        assertFalse(out.contains("Error processing append"), "a broker's answer to a client is the client's to report: " + out);
        assertFalse(out.contains("Exceptionally slow"), "a busy machine is no error: " + out);
        assertTrue(text.contains("Exceptionally slow"), text);
        assertTrue(out.contains("ERROR k.s.BrokerServer - [BrokerServer id=1] Fatal error during broker startup"), out);
        assertTrue(out.contains("Failed to acquire lock on file .lock"), "the cause is on the console: " + out);
        assertTrue(out.lines().count() <= 3, "one line and a short trace, not the whole stack: " + out);
    }
}
