package io.pxeflow.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** A Kafka broker in a container, for machines that have a Docker engine. */
public final class DockerKafka implements AutoCloseable {
    public static final String IMAGE = "apache/kafka:4.1.0";
    private final KafkaContainer container;

    private DockerKafka(KafkaContainer container) {
        this.container = container;
    }

    /** Asks Testcontainers whether a Docker engine answers; quick and never throws. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    public static DockerKafka start() {
        KafkaContainer c = new KafkaContainer(IMAGE);
        c.start();
        return new DockerKafka(c);
    }

    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
