package io.pxeflow.ctl;

import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeStatus;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden output of every ctl command against a real controller (Kafka Streams on the test
 * broker, Vert.x HTTP on a free port, an admin token): the walk of an admin's day on seed 002's
 * cluster, one golden per step under src/test/resources/golden/live. Steps run in order and each
 * sees what the ones before it did. Node activity comes from where it comes in production:
 * iPXE fetches on the controller's /boot/ipxe and heartbeats on the heartbeats topic.
 */
class CtlLiveIT {
    private static final String NODE15_MAC = "00:a0:d1:e5:c4:6e";
    private static final String NODE14_MAC = "00:a0:d1:e5:c4:74";
    private static final String NODE13_MAC = "00:a0:d1:e5:c4:72";
    private static final String NODE12_MAC = "00:a0:d1:e5:c4:70";
    private static final String NODE21_MAC = "00:a0:d1:e5:c4:80";
    private static final String UNKNOWN_MAC = "52:54:00:12:34:56";

    @TempDir
    static Path work;
    private static LiveController live;
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ctl-run");
        t.setDaemon(true);
        return t;
    });

    /** One command of the walk: what to do before it, what the cluster does while it runs. */
    record Step(String name, List<String> args, Consumer<LiveController> before, Consumer<LiveController> during,
                boolean terminal, Map<String, String> env) {
        static Step of(String name, String... args) {
            return new Step(name, List.of(args), l -> { }, null, false, Map.of());
        }

        Step before(Consumer<LiveController> action) {
            return new Step(name, args, before.andThen(action), during, terminal, env);
        }

        /** Run once the command has opened its event stream (it says so on stderr on a terminal). */
        Step onceWatching(Consumer<LiveController> action) {
            return new Step(name, args, before, action, true, env);
        }

        Step env(String key, String value) {
            Map<String, String> e = new HashMap<>(env);
            e.put(key, value);
            return new Step(name, args, before, during, terminal, e);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        live = LiveController.start(Files.createDirectories(work.resolve("controller")));
        Files.copy(Path.of("src/test/resources/live/seed-002.conf"), work.resolve("cluster.conf"),
            StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(work.resolve("admin.token"), LiveController.TOKEN + "\n");
        Files.writeString(work.resolve("broken.conf"), "iprange 10.54.0.10\nnode 15 centos5u4 pxe+local pxe 00:A0:D1:E5:C4:ZZ\n"
            + "node 16 nosuchclass 00:A0:D1:E5:C4:70\n");
    }

    @AfterAll
    static void stop() {
        RUNNER.shutdownNow();
        if (live != null) {
            live.close();
        }
    }

    static List<Step> walk() {
        List<Step> s = new ArrayList<>();
        s.add(Step.of("version", "version"));
        s.add(Step.of("nodes-empty", "nodes"));
        s.add(Step.of("import-problems", "import", "broken.conf"));
        s.add(Step.of("import-dry-run", "import", "cluster.conf", "--dry-run"));
        s.add(Step.of("import", "import", "cluster.conf", "--token-file", "admin.token").env("PXEFLOW_TOKEN", null));
        s.add(Step.of("import-no-difference", "import", "cluster.conf"));
        s.add(Step.of("nodes", "nodes"));
        s.add(Step.of("nodes-alias-ls", "ls", "node15"));
        s.add(Step.of("nodes-json", "nodes", "-o", "json"));
        s.add(Step.of("nodes-wide", "nodes", "-o", "wide"));
        s.add(Step.of("nodes-range", "nodes", "node[10-14],node21"));
        s.add(Step.of("nodes-filters", "nodes", "--stage", "pxe", "--class", "centos5u4"));
        s.add(Step.of("status", "status", "node15"));
        s.add(Step.of("status-json", "status", "node15", "-o", "json"));
        s.add(Step.of("status-not-found", "status", "node51"));
        s.add(Step.of("set-stage", "set-stage", "node14", "pxe"));
        s.add(Step.of("set-stage-invalid", "set-stage", "node14", "disk"));
        s.add(Step.of("set-class", "set-class", "node14", "memtest"));
        s.add(Step.of("set-class-unknown", "set-class", "node14", "gpu"));
        s.add(Step.of("add", "add", "18", "--mac", "00:A0:D1:E5:C4:90", "--class", "scyld", "--sequence", "pxe",
            "--stage", "pxe"));
        s.add(Step.of("add-mac-in-use", "add", "19", "--mac", "00:A0:D1:E5:C4:6E"));
        s.add(Step.of("remove", "remove", "node18"));
        s.add(Step.of("remove-not-found", "remove", "node18"));
        s.add(Step.of("wipe", "wipe", "node15"));
        s.add(Step.of("install-complete", "install-complete", "node15"));
        s.add(Step.of("reprovision", "reprovision", "node[12-14]"));
        s.add(Step.of("reprovision-wipe", "reprovision", "--wipe", "node21"));
        s.add(Step.of("reprovision-glob", "reprovision", "node2*"));
        s.add(Step.of("reprovision-not-found", "reprovision", "node[20-22]"));
        s.add(Step.of("reprovision-wait", "reprovision", "node15", "--wait", "--timeout", "60s")
            .before(l -> {
                // Installed and up: its PXE answer flipped node15 to local, so reprovision has work to do.
                l.ipxe(NODE15_MAC);
                l.await("node15 at stage local", () -> l.node("node15").stage() == BootStage.LOCAL, Duration.ofSeconds(30));
                l.heartbeat("node15", "boot-1");
                l.await("node15 up", () -> l.node("node15").status() == NodeStatus.UP, Duration.ofSeconds(30));
            })
            .before(l -> l.after("node15", LifecycleKind.REPROVISION, () -> {
                l.ipxe(NODE15_MAC);
                l.await("node15 netbooting", () -> l.node("node15").status() == NodeStatus.NETBOOTING,
                    Duration.ofSeconds(30));
                l.heartbeat("node15", "boot-2");
            })));
        s.add(Step.of("reprovision-wait-timeout", "reprovision", "node12", "--wait", "--timeout", "4s")
            .before(l -> l.after("node12", LifecycleKind.REPROVISION, () -> l.ipxe(NODE12_MAC))));
        s.add(Step.of("reprovision-wait-boot-loop", "reprovision", "node13", "--wait", "--timeout", "60s")
            .before(l -> l.after("node13", LifecycleKind.REPROVISION, () -> {
                for (int i = 0; i < LiveController.BOOT_LOOP_ANSWERS; i++) {
                    l.ipxe(NODE13_MAC);
                }
            })));
        s.add(Step.of("reprovision-wait-json", "reprovision", "node21", "--wait", "-o", "json")
            .before(l -> l.after("node21", LifecycleKind.REPROVISION, () -> {
                l.ipxe(NODE21_MAC);
                l.await("node21 netbooting", () -> l.node("node21").status() == NodeStatus.NETBOOTING,
                    Duration.ofSeconds(30));
                l.heartbeat("node21", "boot-1");
            })));
        s.add(Step.of("nodes-status", "nodes", "--status", "up,boot-loop"));
        s.add(Step.of("events-node", "events", "node15", "--limit", "6"));
        s.add(Step.of("events-json", "events", "node13", "--limit", "2", "-o", "json"));
        s.add(Step.of("events", "events", "--limit", "5"));
        s.add(Step.of("watch", "watch", "node14", "--count", "2").onceWatching(l -> l.ipxe(NODE14_MAC)));
        s.add(Step.of("watch-json", "watch", "node21", "--count", "1", "-o", "json").onceWatching(l -> l.ipxe(NODE21_MAC)));
        s.add(Step.of("discovered", "discovered").before(l -> {
            l.ipxe(UNKNOWN_MAC);
            l.await("the unknown MAC discovered", () -> l.discovered(UNKNOWN_MAC), Duration.ofSeconds(30));
        }));
        s.add(Step.of("export", "export"));
        s.add(Step.of("import-exported", "import", "exported.conf", "--dry-run"));
        s.add(Step.of("wrong-token", "reprovision", "node15").env("PXEFLOW_TOKEN", "wrong"));
        s.add(Step.of("completion", "completion", "bash"));
        return s;
    }

    @TestFactory
    Stream<DynamicTest> walkThroughAnAdminsDay() {
        return walk().stream().map(step -> DynamicTest.dynamicTest(step.name(), () -> check(step)));
    }

    private void check(Step step) throws Exception {
        step.before().accept(live);
        Map<String, String> env = new HashMap<>();
        env.put("PXEFLOW_URL", live.url());
        env.put("PXEFLOW_TOKEN", LiveController.TOKEN);
        step.env().forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        StringWriter err = step.during() == null ? new StringWriter() : new FirstWrite(() -> step.during().accept(live));
        Future<Run> running = RUNNER.submit(() -> Run.live(err, env, work, step.terminal(), step.args().toArray(String[]::new)));
        Run run = running.get(90, TimeUnit.SECONDS);
        if ("export".equals(step.name())) {
            Files.writeString(work.resolve("exported.conf"), run.out());
        }
        Golden.check("live/" + step.name(), LiveOutput.normalise(Golden.transcript(step.args(), run), live.url()), true);
    }

    /** Stderr that runs an action on another thread at the first thing written to it. */
    static final class FirstWrite extends StringWriter {
        private final Runnable action;
        private boolean fired;

        FirstWrite(Runnable action) {
            this.action = action;
        }

        @Override
        public void write(String str, int off, int len) {
            super.write(str, off, len);
            fire();
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            super.write(cbuf, off, len);
            fire();
        }

        @Override
        public void write(int c) {
            super.write(c);
            fire();
        }

        private synchronized void fire() {
            if (!fired) {
                fired = true;
                RUNNER.submit(action);
            }
        }
    }
}
