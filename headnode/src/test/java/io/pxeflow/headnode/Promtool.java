package io.pxeflow.headnode;

import io.pxeflow.testkit.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' own {@code promtool}. Where it is not installed the test skips and says so
 * ({@code bin/test} installs it as root; {@code PXEFLOW_REQUIRE_ALL=1}, as in CI, fails instead).
 */
final class Promtool {
    private Promtool() {
    }

    /** Exit code and combined output of one promtool run. */
    record Result(int exit, String output) {
    }

    static Result run(String stdin, String... args) throws IOException, InterruptedException {
        Path exe = find();
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            p.getOutputStream().close();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), out);
    }

    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Prerequisites.require(false, () -> "promtool is not on the PATH (apt-get install prometheus)");
        throw new IllegalStateException("unreachable");
    }

    /** The repository root, seen from a module's working directory. */
    static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("grafana")) && Files.isDirectory(p.resolve("deploy"))) {
                return p;
            }
        }
        throw new AssertionError("cannot find the repository root above " + here);
    }
}
