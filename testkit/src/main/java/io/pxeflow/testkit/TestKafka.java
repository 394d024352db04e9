package io.pxeflow.testkit;

import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way an integration test gets a Kafka broker, shared by every test in the JVM:
 * {@code PXEFLOW_TEST_BOOTSTRAP} when set (an external cluster), else a Testcontainers broker
 * when a Docker engine answers, else a real broker embedded in this JVM. Tests isolate
 * themselves with {@link #uniquePrefix()} rather than by starting brokers.
 */
public final class TestKafka {
    private static final Logger LOG = LoggerFactory.getLogger(TestKafka.class);
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static volatile Source source;

    private TestKafka() {
    }

    /** Where the shared broker comes from. */
    public enum Kind { EXTERNAL, TESTCONTAINERS, EMBEDDED }

    record Source(Kind kind, String bootstrap, AutoCloseable handle) {
    }

    public static String bootstrapServers() {
        return source().bootstrap();
    }

    public static Kind kind() {
        return source().kind();
    }

    /** A topic prefix no other test in this run uses, e.g. {@code it7-3f2a.}. */
    public static String uniquePrefix() {
        return "it" + PREFIXES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6) + ".";
    }

    private static Source source() {
        Source s = source;
        if (s == null) {
            synchronized (TestKafka.class) {
                s = source;
                if (s == null) {
                    s = open();
                    source = s;
                    Source opened = s;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(opened), "test-kafka-stop"));
                }
            }
        }
        return s;
    }

    private static Source open() {
        String external = System.getenv("PXEFLOW_TEST_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            LOG.info("integration tests use the external Kafka cluster at {}", external);
            return new Source(Kind.EXTERNAL, external, () -> { });
        }
        if (DockerKafka.dockerAvailable()) {
            DockerKafka docker = DockerKafka.start();
            LOG.info("integration tests use a Testcontainers Kafka broker at {}", docker.bootstrapServers());
            return new Source(Kind.TESTCONTAINERS, docker.bootstrapServers(), docker);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
        LOG.info("no PXEFLOW_TEST_BOOTSTRAP and no Docker engine: integration tests use an embedded broker at {}",
            broker.bootstrapServers());
        return new Source(Kind.EMBEDDED, broker.bootstrapServers(), broker);
    }

    private static void closeQuietly(Source s) {
        try {
            s.handle().close();
        } catch (Exception e) {
            LOG.warn("stopping the test broker failed", e);
        }
    }
}
