package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code /api/v1/events/stream}: lifecycle events read on a daemon thread into a queue, so the
 * caller can wait on "next event or a timeout" and poll the API when the stream is gone.
 * Opening returns once the server answered, so nothing that happens after is missed.
 */
final class EventStream implements AutoCloseable {
    private final InputStream in;
    private final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
    private volatile boolean open = true;

    private EventStream(InputStream in) {
        this.in = in;
        Thread reader = new Thread(this::read, "ctl-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** @param nodes names, globs and ranges for the server's filter, or null for every node */
    static EventStream open(ApiClient api, String nodes) {
        return new EventStream(api.stream(ApiClient.path("/api/v1/events/stream",
            nodes == null ? Map.of() : Map.of("node", nodes))));
    }

    /**
     * The stream, or null (with a line on stderr) when the controller offers none: the caller then
     * polls. An unreachable controller is no reason to poll: that still throws.
     */
    static EventStream openOrPoll(ApiClient api, String nodes, Context ctx) {
        try {
            return open(api, nodes);
        } catch (CtlException e) {
            if (e.exitCode() == ExitCode.UNREACHABLE) {
                throw e;
            }
            ctx.err().println("ctl: no live event stream (" + e.getMessage() + "); polling instead");
            return null;
        }
    }

    /** The next lifecycle event, or empty after the timeout or once the stream ended. */
    Optional<JsonNode> next(long timeoutMillis) throws InterruptedException {
        JsonNode e = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        return e == null || e.isMissingNode() ? Optional.empty() : Optional.of(e);
    }

    /** False once the server closed the stream or the connection broke (and the queue drained). */
    boolean isOpen() {
        return open || !queue.isEmpty();
    }

    private void read() {
        SseParser parser = new SseParser();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                parser.feed(line).filter(e -> "lifecycle".equals(e.type()) || "message".equals(e.type()))
                    .ifPresent(e -> {
                        try {
                            queue.add(JsonOut.read(e.data()));
                        } catch (IOException bad) {
                            // One malformed event must not end the stream: skip it.
                        }
                    });
            }
        } catch (IOException e) {
            // Closed by us, or the connection broke: either way the stream is over.
        } finally {
            open = false;
            // Wake a waiting caller so it notices the end without waiting out its timeout.
            queue.add(JsonOut.missing());
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing to do: we are leaving.
        }
    }
}
