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
 * Golden output of the error cases a real controller cannot stage: unreachable, refused token,
 * no event stream, a command not applied within the server's wait (202), and mistakes ctl
 * catches before sending anything (stdout, stderr, exit code
 * and the exact requests sent, in src/test/resources/golden/NAME.txt). Every command's normal
 * output is checked against a real controller by {@link CtlLiveIT}. After an intended change,
 * rewrite them with {@code mvn -o -pl ctl test -Dgolden.update=true} and review the diff.
 */
class GoldenTest {
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
            Case.of("reprovision-wait-polling", "reprovision", "node15", "--wait", "--poll-interval", "1s")
                .with(s -> s.route("GET /api/v1/events/stream", StubServer.Reply.jsonText(404,
                    "{\"error\":{\"code\":\"not_found\",\"message\":\"no route\"}}")))
                .with(s -> s.route("GET /api/v1/nodes/node15", StubServer.Reply.json(200, "node15-after.json"))),
            Case.of("reprovision-not-yet-applied", "reprovision", "node16")
                .with(s -> s.route("POST /api/v1/nodes/node16/reprovision", StubServer.Reply.json(202, "accepted.json"))),
            Case.of("reprovision-wrong-token", "reprovision", "node[14-15]").env("PXEFLOW_TOKEN", "wrong"),
            Case.of("reprovision-bad-range", "reprovision", "node[20-10]"),
            Case.of("add-bad-mac", "add", "18", "--mac", "00:a0:d1:e5:c4:zz"),
            Case.of("add-missing-mac", "add", "18"),
            Case.of("import-missing-file", "import", "nope.conf"),
            Case.of("version-unreachable", "version").env("PXEFLOW_URL", closedPortUrl()),
            Case.of("unreachable", "nodes").env("PXEFLOW_URL", closedPortUrl()),
            Case.of("url-flag-wins", "nodes", "--url", closedPortUrl()),
            Case.of("usage-unknown-option", "nodes", "--bogus"),
            Case.of("usage-unknown-command", "frobnicate"),
            Case.of("usage-no-command"),
            Case.of("help", "--help"),
            Case.of("help-reprovision", "help", "reprovision"));
    }

    @TestFactory
    Stream<DynamicTest> goldens() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private void check(Case c) throws IOException {
        try (StubServer stub = defaults(new StubServer())) {
            c.setup().accept(stub);
            Files.writeString(work.resolve("admin.token"), StubServer.TOKEN + "\n");
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
            String actual = (Golden.transcript(c.args(), run) + "--- requests\n"
                + stub.requests().stream().map(r -> r + "\n").collect(Collectors.joining()))
                .replace(stub.url(), "$URL")
                .replaceAll("http://127\\.0\\.0\\.1:(?!8080\\b)\\d+", "\\$CLOSED_URL");
            Golden.check(c.name(), actual);
        }
    }

    /** The answers of a healthy controller; cases override single routes. */
    static StubServer defaults(StubServer s) {
        String nodes = "/api/v1/nodes";
        return s.route("GET " + nodes + "/node15", StubServer.Reply.json(200, "node15.json"))
            .route("POST " + nodes + "/node15/reprovision", StubServer.Reply.json(200, "node15-reprovisioned.json"))
            .route("POST " + nodes + "/node14/reprovision", StubServer.Reply.json(200, "node14-pxe.json"))
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
