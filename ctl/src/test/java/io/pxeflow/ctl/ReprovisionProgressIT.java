package io.pxeflow.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.NodeStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctl reprovision --wait} as an admin runs it: its own JVM, stdout a pipe (a log, CI,
 * {@code | tee}), a real controller. Each line must arrive while the command still runs, not all
 * at exit: the output is read line by line as the process writes it, and the node moves on only
 * once the line for the step before has been read.
 */
class ReprovisionProgressIT {
    /** Not the example cluster: another network, another naming scheme. */
    private static final String INVENTORY = """
        nodes 64
        nodename rack7-n%N
        master 172.20.8.1
        netmask 255.255.255.0
        iprange 172.20.8.10 172.20.8.73
        class el9 kernelimage /srv/images/el9/vmlinuz
        class el9 initrdimage /srv/images/el9/initrd.img
        class el9 kernelcommandline ro console=ttyS0
        class el9 advance on-pxe-served
        node 41 el9 pxe+local pxe 52:54:00:7a:41:01
        """;
    private static final String NODE = "rack7-n41";
    private static final String MAC = "52:54:00:7a:41:01";
    private static final Duration LINE_WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path work;
    private static LiveController live;

    @BeforeAll
    static void start() throws Exception {
        live = LiveController.start(Files.createDirectories(work.resolve("controller")));
        Files.writeString(work.resolve("rack7.conf"), INVENTORY);
        Run imported = Run.live(new StringWriter(), env(), work, false, "import", "rack7.conf");
        assertEquals(0, imported.exit(), imported.out() + imported.err());
        // Installed and up, so reprovision has something to do.
        live.ipxe(MAC);
        live.await(NODE + " at stage local", () -> live.node(NODE).stage() == BootStage.LOCAL, Duration.ofSeconds(30));
        live.heartbeat(NODE, "boot-1");
        live.await(NODE + " up", () -> live.node(NODE).status() == NodeStatus.UP, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void eachLineArrivesWhileTheCommandStillWaits() throws Exception {
        Process ctl = ctl("reprovision", NODE, "--wait", "--timeout", "120s");
        Lines out = new Lines(ctl);
        try {
            out.await("the applied line", l -> l.equals(NODE + ": stage pxe (applied)"));
            out.await("what it waits for", l -> l.equals("waiting up to 2m00s for " + NODE + " to boot and come up"));
            assertTrue(ctl.isAlive(), "still waiting for the node: " + out.seen());

            live.ipxe(MAC);
            out.await("the netbooting progress line", l -> l.startsWith(NODE + ": netbooting"));
            assertTrue(ctl.isAlive(), "the progress line came before the command ended: " + out.seen());

            live.heartbeat(NODE, "boot-2");
            out.await("the last line", l -> l.equals("1 node reprovisioned and up"));
            assertTrue(ctl.waitFor(30, TimeUnit.SECONDS), "ctl ends once the node is up");
            assertEquals(0, ctl.exitValue(), out.seen() + "\n" + new String(ctl.getErrorStream().readAllBytes()));
        } finally {
            ctl.destroyForcibly();
        }
    }

    private static Map<String, String> env() {
        return Map.of("PXEFLOW_URL", live.url(), "PXEFLOW_TOKEN", LiveController.TOKEN);
    }

    /** ctl in a JVM of its own, as bin/ctl starts it, with this test's class path. */
    private static Process ctl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), CtlMain.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().putAll(env());
        return pb.start();
    }

    /** stdout read on its own thread as it comes, so the test can wait for one line at a time. */
    private static final class Lines {
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        Lines(Process p) {
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        queue.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the process is gone: the waits below report what was missing
                }
            }, "ctl-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        void await(String what, Predicate<String> line) throws InterruptedException {
            long deadline = System.nanoTime() + LINE_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String next = queue.poll(250, TimeUnit.MILLISECONDS);
                if (next != null) {
                    seen.add(next);
                    if (line.test(next)) {
                        return;
                    }
                }
            }
            throw new AssertionError("no " + what + " within " + LINE_WAIT.toSeconds() + " s; lines so far: " + seen);
        }

        List<String> seen() {
            return seen;
        }
    }
}
