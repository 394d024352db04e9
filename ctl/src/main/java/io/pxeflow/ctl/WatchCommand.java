package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "watch", description = "Follow lifecycle events live, one line per event (Ctrl-C to stop).")
final class WatchCommand extends CtlCommand {
    @Parameters(arity = "0..*", paramLabel = "NODES", description = "Only these: node15, node[10-20], rack1-*")
    List<String> nodes = List.of();

    @Option(names = "--count", paramLabel = "N", description = "Stop after N events (for scripts).")
    Integer count;

    @Override
    protected int run() {
        String filter = nodes.isEmpty() ? null : String.join(",", nodes);
        int seen = 0;
        try (EventStream stream = EventStream.open(api(), filter)) {
            // On stderr, so -o json on stdout stays clean; it also tells a caller the stream is open.
            if (ctx().terminal()) {
                ctx().err().println("watching " + (filter == null ? "all nodes" : filter) + " at "
                    + api().base() + " (Ctrl-C to stop)");
            }
            while (count == null || seen < count) {
                Optional<JsonNode> event = stream.next(1000);
                if (event.isPresent()) {
                    // -o json: one compact object per line (NDJSON), what jq -c and scripts read.
                    out().println(format() == OutputFormat.json ? JsonOut.compact(event.get())
                        : EventFormat.line(event.get(), ctx().zone()));
                    out().flush();
                    seen++;
                } else if (!stream.isOpen()) {
                    throw CtlException.failure("the controller closed the event stream");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK;
    }
}
