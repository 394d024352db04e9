package io.pxeflow.headnode;

import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.protocol.KafkaBootstrap;
import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.message.NodeState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pxeflow demo-feed}: synthetic DHCP, PXE and heartbeat traffic for the cluster's nodes. */
@Command(name = "demo-feed", mixinStandardHelpOptions = true,
    description = "Feed synthetic boot traffic and heartbeats for the inventory's nodes (demos, dashboard checks).")
public final class FeedCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", description = KafkaBootstrap.HELP)
    String bootstrap;
    @Option(names = "--kafka-config", paramLabel = "FILE", description = KafkaConnection.CONFIG_HELP)
    java.nio.file.Path kafkaConfig;
    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "Topic prefix (default ${DEFAULT-VALUE})")
    String prefix;
    @Option(names = "--interval", defaultValue = "5", description = "Seconds between heartbeats (default ${DEFAULT-VALUE})")
    int interval;
    @Option(names = "--rounds", defaultValue = "0", description = "Heartbeat rounds to send, 0 for ever (default ${DEFAULT-VALUE})")
    long rounds;

    @Override
    public Integer call() throws Exception {
        Topics topics = new Topics(prefix);
        KafkaConnection bootstrap = KafkaConnection.resolve(this.bootstrap, kafkaConfig, Map.of(), Set.of(), System.getenv());
        List<io.pxeflow.protocol.message.NodeSpec> nodes;
        try (ClusterView view = new ClusterView(bootstrap, topics, "demo-feed")) {
            view.start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (!view.caughtUp() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            nodes = view.nodes().stream().map(NodeState::spec).toList();
        }
        try (DemoFeed feed = new DemoFeed(bootstrap, topics, interval)) {
            feed.boot(nodes);
            for (long r = 0; rounds == 0 || r < rounds; r++) {
                feed.heartbeats();
                Thread.sleep(interval * 1000L);
            }
        }
        return 0;
    }
}
