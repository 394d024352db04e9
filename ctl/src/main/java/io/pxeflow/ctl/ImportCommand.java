package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctl import cluster.conf}: the file is the whole cluster (nodes missing from it are
 * removed), so {@code --dry-run} prints the difference first. Parsing is the controller's, so
 * ctl and the API can never disagree on the syntax.
 */
@Command(name = "import", description = "Import a ClusterWare config or nodes file (the whole cluster).")
final class ImportCommand extends CtlCommand {
    @Parameters(paramLabel = "FILE", description = "The file, or - for standard input")
    String file;

    @Option(names = {"-n", "--dry-run"}, description = "Print the difference; change nothing.")
    boolean dryRun;

    @Override
    protected int run() {
        String text = read();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("dryRun", Boolean.toString(dryRun));
        query.put("file", "-".equals(file) ? "stdin" : Path.of(file).getFileName().toString());
        ApiResponse resp = api().postText(ApiClient.path("/api/v1/inventory", query), text);
        if (resp.status() == 400 && problems(resp) != null) {
            return reportProblems(resp);
        }
        JsonNode result = api().check(resp).json();
        if (format() == OutputFormat.json) {
            printJson(result);
            return ExitCode.OK;
        }
        int added = JsonOut.array(result, "added").size();
        int removed = JsonOut.array(result, "removed").size();
        int changed = JsonOut.array(result, "changed").size();
        boolean empty = result.path("empty").asBoolean(added + removed + changed == 0);
        String diff = JsonOut.text(result, "diff");
        // An empty difference renders as "no changes": the summary line below says it better.
        if (!empty && diff != null && !diff.isEmpty()) {
            out().print(diff.endsWith("\n") ? diff : diff + "\n");
        }
        for (JsonNode w : JsonOut.array(result, "warnings")) {
            ctx().err().println("warning: " + w.asText());
        }
        String counts = added + " added, " + changed + " changed, " + removed + " removed";
        if (empty) {
            out().println("no difference: the controller already has this inventory");
        } else if (result.path("applied").asBoolean(false)) {
            out().println("imported: " + counts);
        } else {
            out().println("dry run: " + counts + "; nothing changed (run without --dry-run to apply)");
        }
        return ExitCode.OK;
    }

    private String read() {
        try {
            if ("-".equals(file)) {
                InputStream in = System.in;
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Path path = ctx().workDir().resolve(file);
            if (!Files.isRegularFile(path)) {
                throw CtlException.usage("no such file: " + file);
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CtlException.failure("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static List<JsonNode> problems(ApiResponse resp) {
        try {
            JsonNode error = resp.json().path("error");
            return error.has("problems") ? JsonOut.array(error, "problems") : null;
        } catch (CtlException e) {
            return null;
        }
    }

    /** Every problem as file:line: reason, the way compilers print them, so editors can jump. */
    private int reportProblems(ApiResponse resp) {
        if (format() == OutputFormat.json) {
            printJson(resp.json());
        }
        List<JsonNode> list = problems(resp);
        for (JsonNode p : list) {
            String where = JsonOut.text(p, "file") == null ? file : JsonOut.text(p, "file");
            String line = JsonOut.text(p, "line");
            ctx().err().println(where + (line == null ? "" : ":" + line) + ": " + JsonOut.text(p, "reason"));
        }
        ctx().err().println("ctl: " + list.size() + (list.size() == 1 ? " problem" : " problems")
            + " in " + file + "; nothing was imported");
        return ExitCode.FAILURE;
    }
}
