package io.pxeflow.reporter;

import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import io.pxeflow.protocol.Topics;
import io.pxeflow.testkit.KafkaTestClients;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A broker for bench/footprint.sh: {@code BenchBroker PORT DATADIR} starts the embedded broker,
 * creates the heartbeat and command topics, prints "READY host:port" and runs until killed.
 */
public final class BenchBroker {
    private BenchBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(port).dataDir(Path.of(args[1])).partitions(1)
            .build().start();
        Topics topics = Topics.defaults();
        KafkaTestClients.createTopics(broker.bootstrapServers(), 1, List.of(topics.heartbeats(), topics.commands()));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println("READY " + broker.bootstrapServers());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
