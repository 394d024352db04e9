package io.pxeflow.simulator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.simulator.TempDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The kill torture on a real distributed engine: three Kafka nodes in this JVM (KRaft, replication
 * factor 3, min.insync.replicas 2), two controllers and two generator shards in child JVMs.
 * Reprovision waves play while a Kafka node is stopped hard, a controller and a generator are
 * SIGKILLed (and all restarted): 0 divergences from the reference model (no flip lost or doubled),
 * every pxelinux file at its node's final stage, no partial file while the generator lay dead.
 */
class ClusterTortureIT {
    @Test
    void reprovisionWavesSurviveABrokerAControllerAndAGeneratorKilled() throws Exception {
        // Under target/, kept when the run fails: the children's logs are what explain a failure.
        Path dir = Files.createDirectories(Path.of("target", "cluster-torture-it"))
            .resolve("run-" + System.currentTimeMillis());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                buffer.write(b);
                System.out.write(b);
            }
        }, true, StandardCharsets.UTF_8);
        ClusterTorture torture = new ClusterTorture(tee);
        new CommandLine(torture).parseArgs("--nodes", "80", "--duration", "10", "--heartbeat-interval", "1",
            "--boot-ms", "1500", "--install-ms", "1500", "--settle", "180", "--broker-down", "8", "--data",
            dir.toString(), "--controller-opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", "--topic-prefix",
            "torture.");
        ClusterTorture.Outcome o = torture.run();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(3, o.kills().size(), "a Kafka node, a controller and a generator killed: " + o.kills());
        assertEquals(0, o.simulation().divergences().size(), () -> "divergences: " + o.simulation().divergences());
        assertEquals(0, o.partialFiles(), "partial files");
        assertTrue(o.filesChecked() > 0, "the trees were checked");
        assertEquals(java.util.List.of(), o.wrongFiles(), "pxelinux files at their node's final stage");
        assertEquals(0, o.tempFilesLeft(), "temp files left");
        assertTrue(printed.contains("PASSED"), printed);
        TempDirs.deleteTree(dir);
    }
}
