package io.pxeflow.controller.it;

import static io.pxeflow.controller.it.Controllers.awaitNode;
import static io.pxeflow.controller.it.TestCluster.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.bridge.BridgeConfig;
import io.pxeflow.bridge.BridgeDaemon;
import io.pxeflow.controller.ControllerApp;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.DiscoveredMac;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.testkit.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node added a moment before it boots: the put-node command is sent, and the node's TFTP fetch
 * of its own pxelinux file appears in dnsmasq's log right after, with nothing in between to let
 * the controller publish the node's addresses. A real bridge reads the log: it must key the event
 * by the node (it holds it until the addresses topic names the node), so the node flips to local,
 * and must never send it as an unknown client's.
 */
class AddNodeThenBootIT {
    private static final int BURSTS = 3;
    private static final int NODES_PER_BURST = 20;
    /**
     * dnsmasq's whole-second stamps, a few seconds ahead: a served file only flips a node when it was
     * served after the node's stage was set (its add was applied), as a real fetch of a file rendered
     * for the new node is; the point here is the addresses race, not that rule.
     */
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    @Test
    void aTftpFetchRightAfterPutNode_reachesTheNode_andIsNeverDiscovered(@TempDir Path dir) throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String prefix = TestKafka.uniquePrefix();
        Topics topics = new Topics(prefix);
        Map<String, String> config = TestCluster.controllerConfig(bootstrap, prefix, "race-1", dir.resolve("c"), 3);
        Path log = dir.resolve("dnsmasq.log");
        Files.writeString(log, "Nov 23 09:17:16 dnsmasq[8195]: started, version 2.90 DNS disabled\n");
        // Longer than any lag of a loaded test machine: this test is about the hold, not about a race
        // against the grace (AddressHoldTest covers its expiry; BridgeIT an unknown client sent as one).
        BridgeConfig bridgeConfig = BridgeConfig.fromMap(Map.of("bootstrap", bootstrap, "topic-prefix", prefix,
            "spool", dir.resolve("spool").toString(), "dnsmasq-log", log.toString(), "server", "head1", "zone", "UTC",
            "poll-ms", "20", "tftp-roots", "/srv/tftp", "discovery-grace-ms", "120000", "spool-fsync", "false"));
        try (ClusterInputs in = new ClusterInputs(bootstrap, topics);
             ControllerApp controller = Controllers.startReady(config);
             BridgeDaemon bridge = new BridgeDaemon(bridgeConfig).start();
             TopicTail<DiscoveredMac> discovered = new TopicTail<>(bootstrap, topics.discovered(), Codec.DISCOVERED);
             TopicTail<LifecycleEvent> events = new TopicTail<>(bootstrap, topics.events(), Codec.EVENT)) {
            int nodes = 0;
            for (int burst = 0; burst < BURSTS; burst++) {
                for (int k = 0; k < NODES_PER_BURST; k++) {
                    nodes++;
                    in.putNode(nodes);
                    in.flush();
                    Files.writeString(log, SYSLOG.format(Instant.now().plusSeconds(3)) + " dnsmasq-tftp[8195]: sent /srv/tftp/pxelinux.cfg/"
                        + TestCluster.mac(nodes).pxelinuxName() + " to " + TestCluster.ip(nodes) + "\n",
                        StandardOpenOption.APPEND);
                }
            }
            for (int i = 1; i <= nodes; i++) {
                awaitNode(controller, name(i), s -> s.stage() == BootStage.LOCAL && s.status() == NodeStatus.NETBOOTING
                    && s.generation() == 2, "served its PXE answer");
            }

            assertEquals(0, bridge.held(), "nothing left held");
            assertEquals(List.of(), discovered.values().stream().map(d -> d.mac().value()).distinct().toList(),
                "no event of an added node is filed as an unknown client");
            assertEquals(0, events.values().stream().filter(e -> e.kind() == LifecycleKind.DISCOVERED).count(),
                "no discovered event");
        }
    }
}
