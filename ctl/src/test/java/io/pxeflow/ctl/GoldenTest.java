package io.pxeflow.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden output of every command against a stub controller: stdout, stderr, exit code and the
 * exact requests sent, in src/test/resources/golden/NAME.txt. After an intended change, rewrite
 * them with {@code mvn -o -pl ctl test -Dgolden.update=true} and review the diff.
 */
class GoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path work;

    /** One golden: the command line, plus any change to the stub's default answers or env. */
    record Case(String name, List<String> args, Consumer<StubServer> setup, Map<String, String> env, boolean terminal) {
        static Case of(String name, String... args) {
            return new Case(name, List.of(args), s -> { }, Map.of(), false);
        }

        Case with(Consumer<StubServer> more) {
            return new Case(name, args, setup.andThen(more), env, terminal);
        }

        Case env(String key, String value) {
            Map<String, String> e = new HashMap<>(env);
            e.put(key, value);
            return new Case(name, args, setup, e, terminal);
        }
    }

    static List<Case> cases() {
        return List.of(
            Case.of("nodes", "nodes"),
            Case.of("nodes-alias-ls", "ls"),
            Case.of("nodes-wide", "nodes", "-o", "wide"),
            Case.of("nodes-json", "nodes", "-o", "json"),
            Case.of("nodes-status-down", "nodes", "--status", "down"),
            Case.of("nodes-filters", "nodes", "node[14-16]", "--stage", "pxe", "--class", "centos5u4", "--status", "up,netbooting")
                .with(s -> s.route("GET /api/v1/nodes?status=up%2Cnetbooting&stage=pxe&class=centos5u4&name=node%5B14-16%5D",
                    StubServer.Reply.json(200, "nodes-node16.json"))),
            Case.of("nodes-empty", "nodes").with(s -> s.route("GET /api/v1/nodes", StubServer.Reply.json(200, "nodes-empty.json"))),
            Case.of("status", "status", "node15"),
            Case.of("status-json", "status", "node15", "-o", "json"),
            Case.of("status-not-found", "status", "node51"),
            Case.of("reprovision", "reprovision", "node15"),
            Case.of("reprovision-wipe", "reprovision", "--wipe", "node15"),
            Case.of("reprovision-range", "reprovision", "node[14-16],node51"),
            Case.of("reprovision-json", "reprovision", "node15", "-o", "json"),
            Case.of("reprovision-wait", "reprovision", "node15", "--wait"),
            Case.of("reprovision-wait-json", "reprovision", "node15", "--wait", "-o", "json")
                .with(s -> s.route("GET /api/v1/nodes/node15", StubServer.Reply.json(200, "node15-after.json"))),
            Case.of("reprovision-wait-boot-loop", "reprovision", "node17", "--wait")
                .with(s -> s.route("GET /api/v1/events/stream", StubServer.Reply.events("stream-node17.txt", 5000))),
            Case.of("reprovision-wait-timeout", "reprovision", "node16", "--wait", "--timeout", "1s")
                .with(s -> s.route("GET /api/v1/events/stream", StubServer.Reply.events(null, 5000))),
            Case.of("reprovision-wait-polling", "reprovision", "node15", "--wait", "--poll-interval", "1s")
                .with(s -> s.route("GET /api/v1/events/stream", StubServer.Reply.jsonText(404,
                    "{\"error\":{\"code\":\"not_found\",\"message\":\"no route\"}}")))
                .with(s -> s.route("GET /api/v1/nodes/node15", StubServer.Reply.json(200, "node15-after.json"))),
            Case.of("reprovision-token-file", "reprovision", "node15", "--token-file", "admin.token")
                .env("PXEFLOW_TOKEN", null),
            Case.of("reprovision-wrong-token", "reprovision", "node[14-15]").env("PXEFLOW_TOKEN", "wrong"),
            Case.of("reprovision-bad-range", "reprovision", "node[20-10]"),
            Case.of("reprovision-glob", "reprovision", "node1*")
                .with(s -> s.route("GET /api/v1/nodes?name=node1*", StubServer.Reply.json(200, "nodes-down.json")))
                .with(s -> s.route("POST /api/v1/nodes/node33/reprovision", StubServer.Reply.json(200, "node15-reprovisioned.json"))),
            Case.of("set-stage", "set-stage", "node14", "pxe"),
            Case.of("set-stage-invalid", "set-stage", "node14", "disk"),
            Case.of("set-class", "set-class", "node14", "scyld"),
            Case.of("set-class-unknown", "set-class", "node14", "gpu")
                .with(s -> s.route("POST /api/v1/nodes/node14/set-class", StubServer.Reply.json(400, "err-400-stage.json"))),
            Case.of("add", "add", "18", "--mac", "00:A0:D1:E5:C4:74", "--ip", "10.54.50.118", "--class", "centos5u4",
                "--sequence", "pxe+local", "--stage", "pxe"),
            Case.of("add-bad-mac", "add", "18", "--mac", "00:a0:d1:e5:c4:zz"),
            Case.of("add-missing-mac", "add", "18"),
            Case.of("remove", "remove", "node17"),
            Case.of("wipe", "wipe", "node15"),
            Case.of("install-complete", "install-complete", "node15"),
            Case.of("import-dry-run", "import", "cluster.conf", "--dry-run"),
            Case.of("import", "import", "cluster.conf"),
            Case.of("import-no-difference", "import", "cluster.conf")
                .with(s -> s.route("POST /api/v1/inventory?dryRun=false&file=cluster.conf", StubServer.Reply.json(200, "import-same.json"))),
            Case.of("import-problems", "import", "cluster.conf")
                .with(s -> s.route("POST /api/v1/inventory?dryRun=false&file=cluster.conf", StubServer.Reply.json(400, "import-problems.json"))),
            Case.of("import-missing-file", "import", "nope.conf"),
            Case.of("export", "export"),
            Case.of("events", "events"),
            Case.of("events-node", "events", "node15", "--limit", "6"),
            Case.of("events-json", "events", "node15", "-o", "json"),
            Case.of("watch", "watch", "--count", "4"),
            Case.of("watch-node-json", "watch", "node15", "--count", "2", "-o", "json"),
            Case.of("discovered", "discovered"),
            Case.of("version", "version"),
            Case.of("version-unreachable", "version").env("PXEFLOW_URL", closedPortUrl()),
            Case.of("unreachable", "nodes").env("PXEFLOW_URL", closedPortUrl()),
            Case.of("url-flag-wins", "nodes", "--url", closedPortUrl()),
            Case.of("usage-unknown-option", "nodes", "--bogus"),
            Case.of("usage-unknown-command", "frobnicate"),
            Case.of("usage-no-command"),
            Case.of("help", "--help"),
            Case.of("help-reprovision", "help", "reprovision"),
            Case.of("completion", "completion", "bash"));
    }

    @TestFactory
    Stream<DynamicTest> goldens() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private void check(Case c) throws IOException {
        try (StubServer stub = defaults(new StubServer())) {
            c.setup().accept(stub);
            Files.writeString(work.resolve("admin.token"), StubServer.TOKEN + "\n");
            Files.copy(StubServer.FIXTURES.resolve("cluster.conf"), work.resolve("cluster.conf"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Map<String, String> env = new HashMap<>();
            env.put("PXEFLOW_URL", stub.url());
            env.put("PXEFLOW_TOKEN", StubServer.TOKEN);
            c.env().forEach((k, v) -> {
                if (v == null) {
                    env.remove(k);
                } else {
                    env.put(k, v);
                }
            });
            Run run = Run.of(env, work, c.terminal(), c.args().toArray(String[]::new));
            String actual = transcript(c, run, stub).replace(stub.url(), "$URL")
                .replaceAll("http://127\\.0\\.0\\.1:(?!8080\\b)\\d+", "\\$CLOSED_URL");
            Path file = GOLDEN.resolve(c.name() + ".txt");
            if (UPDATE || !Files.exists(file)) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden " + file);
        }
    }

    private static String transcript(Case c, Run run, StubServer stub) {
        return "$ ctl " + String.join(" ", c.args()) + "\n" + run.out()
            + "--- stderr\n" + run.err()
            + "--- exit " + run.exit() + "\n"
            + "--- requests\n" + stub.requests().stream().map(r -> r + "\n").collect(Collectors.joining());
    }

    /** The answers of a healthy controller; cases override single routes. */
    static StubServer defaults(StubServer s) {
        String nodes = "/api/v1/nodes";
        return s.route("GET " + nodes, StubServer.Reply.json(200, "nodes.json"))
            .route("GET " + nodes + "?status=down", StubServer.Reply.json(200, "nodes-down.json"))
            .route("GET " + nodes + "/node15", StubServer.Reply.json(200, "node15.json"))
            .route("GET " + nodes + "/node16", StubServer.Reply.json(200, "node16.json"))
            .route("GET " + nodes + "/node17", StubServer.Reply.json(200, "node17-reprovisioned.json"))
            .route("GET " + nodes + "/node51", StubServer.Reply.json(404, "err-404-node51.json"))
            .route("GET " + nodes + "/node15/events", StubServer.Reply.json(200, "node15-events.json"))
            .route("GET " + nodes + "/node51/events", StubServer.Reply.json(404, "err-404-node51.json"))
            .route("POST " + nodes + "/node15/reprovision", StubServer.Reply.json(200, "node15-reprovisioned.json"))
            .route("POST " + nodes + "/node14/reprovision", StubServer.Reply.json(200, "node14-pxe.json"))
            .route("POST " + nodes + "/node16/reprovision", StubServer.Reply.json(202, "accepted.json"))
            .route("POST " + nodes + "/node17/reprovision", StubServer.Reply.json(200, "node17-reprovisioned.json"))
            .route("POST " + nodes + "/node51/reprovision", StubServer.Reply.json(404, "err-404-node51.json"))
            .route("POST " + nodes + "/node14/set-stage", StubServer.Reply.json(200, "node14-pxe.json"))
            .route("POST " + nodes + "/node14/set-class", StubServer.Reply.json(200, "node14-class.json"))
            .route("POST " + nodes + "/node15/wipe", StubServer.Reply.json(200, "node15-wipe.json"))
            .route("POST " + nodes + "/node15/install-complete", StubServer.Reply.json(200, "node15.json"))
            .route("DELETE " + nodes + "/node17", StubServer.Reply.json(200, "node17-reprovisioned.json"))
            .route("PUT " + nodes + "/node18", StubServer.Reply.json(200, "node18.json"))
            .route("POST /api/v1/inventory?dryRun=true&file=cluster.conf", StubServer.Reply.json(200, "import-dry.json"))
            .route("POST /api/v1/inventory?dryRun=false&file=cluster.conf", StubServer.Reply.json(200, "import-applied.json"))
            .route("GET /api/v1/inventory", StubServer.Reply.text("inventory.conf"))
            .route("GET /api/v1/events", StubServer.Reply.json(200, "events.json"))
            .route("GET /api/v1/discovered", StubServer.Reply.json(200, "discovered.json"))
            .route("GET /api/v1/info", StubServer.Reply.json(200, "info.json"))
            .route("GET /api/v1/events/stream", StubServer.Reply.events("stream-node15.txt", 3000));
    }

    /** A URL where nothing listens: the port was just free. */
    static String closedPortUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
