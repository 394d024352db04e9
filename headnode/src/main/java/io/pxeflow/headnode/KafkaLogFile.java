package io.pxeflow.headnode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one's Kafka internals (its broker, and the controller's and generator's clients) log
 * to {@code <data>/logs/kafka.log}, not to the admin's terminal: a normal first start has a dozen
 * WARN lines about transaction retries, partition reassignment and configuration advice the
 * admin can do nothing about. An ERROR still reaches the console too, with a one-frame stack trace
 * (the whole one is in the file), so a broker that fails is seen where the admin looks; except
 * those that report no failure (see {@link RoutineErrorFilter}).
 *
 * <p>The path is only known once {@code --data} is parsed, so this is wired at run time rather
 * than in logback.xml; nothing in Kafka logs before the broker or a client starts.
 */
final class KafkaLogFile {
    /** Every logger Kafka's broker, clients and Streams use. */
    static final List<String> KAFKA_LOGGERS = List.of("org.apache.kafka", "kafka", "state.change.logger");
    private static final int FILES_KEPT = 5;
    private static final String FILE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n";
    private static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n%ex{short}";

    private KafkaLogFile() {
    }

    /**
     * Sends the Kafka loggers to {@code file} (INFO and above, rolled at 10 MB, five files kept)
     * and their ERRORs to the console as well. Does nothing when SLF4J is not bound to logback
     * (then whatever binding is present decides).
     *
     * @return whether the loggers were redirected
     */
    static boolean redirect(Path file) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return false;
        }
        Appender<ILoggingEvent> toFile = fileAppender(context, file);
        Appender<ILoggingEvent> errors = consoleErrors(context);
        for (String name : KAFKA_LOGGERS) {
            Logger logger = context.getLogger(name);
            logger.setLevel(Level.INFO);
            logger.setAdditive(false);
            logger.detachAndStopAllAppenders();
            logger.addAppender(toFile);
            logger.addAppender(errors);
        }
        return true;
    }

    private static Appender<ILoggingEvent> fileAppender(LoggerContext context, Path file) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("KAFKA_FILE");
        appender.setFile(file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(FILES_KEPT - 1);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder(context, FILE_PATTERN));
        appender.start();
        return appender;
    }

    private static Appender<ILoggingEvent> consoleErrors(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("KAFKA_ERRORS");
        ThresholdFilter errorsOnly = new ThresholdFilter();
        errorsOnly.setLevel("ERROR");
        errorsOnly.start();
        appender.addFilter(errorsOnly);
        RoutineErrorFilter routine = new RoutineErrorFilter();
        routine.start();
        appender.addFilter(routine);
        appender.setEncoder(encoder(context, CONSOLE_PATTERN));
        appender.start();
        return appender;
    }

    /**
     * Kafka ERRORs that report no failure, kept off the console (they stay in the file):
     * <ul>
     * <li>the broker's note of each error it answers a producer or consumer with ("Error processing
     * append operation on partition ..."): whether that is a problem is the client's to say, and an
     * exactly-once producer of Kafka 4 (transactions v2) gets a retriable out-of-order-sequence
     * answer on a normal start and simply retries. A client that gives up logs its own ERROR, which
     * does reach the console, and so do pxeflow's lines about it.</li>
     * <li>the KRaft controller's "Exceptionally slow controller event ... took 2100 ms": a note
     * that the machine was busy, which a small head node under a build often is.</li>
     * </ul>
     */
    static final class RoutineErrorFilter extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            String logger = event.getLoggerName();
            String message = event.getFormattedMessage();
            boolean answer = "kafka.server.ReplicaManager".equals(logger) && message.contains("Error processing ");
            boolean slow = logger.endsWith(".EventPerformanceMonitor") && message.contains("Exceptionally slow");
            return answer || slow ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
