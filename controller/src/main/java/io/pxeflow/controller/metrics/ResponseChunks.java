package io.pxeflow.controller.metrics;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An output stream, used from a worker thread, that sends an HTTP response body in chunks of a
 * fixed size. Before each chunk it waits until the previous one was written to the connection:
 * the next chunk is produced while the last one goes out, and at most one chunk is queued in
 * the server whatever the body's size or the client's speed. {@link #close} sends nothing;
 * {@link #end} sends the rest and ends the response, so a body that failed half-way is never
 * ended as if it were whole.
 */
final class ResponseChunks extends OutputStream {
    /** How long one chunk may wait for a scraper that stopped reading. */
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    /** The connection failed or the client stopped reading. */
    static final class ClientGone extends IOException {
        ClientGone(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpServerResponse response;
    private final byte[] buffer;
    private int length;
    private Future<Void> inFlight;

    ResponseChunks(HttpServerResponse response, int chunkBytes) {
        this.response = response;
        this.buffer = new byte[chunkBytes];
    }

    @Override
    public void write(int b) throws IOException {
        if (length == buffer.length) {
            send();
        }
        buffer[length++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (length == buffer.length) {
                send();
            }
            int n = Math.min(len, buffer.length - length);
            System.arraycopy(b, off, buffer, length, n);
            length += n;
            off += n;
            len -= n;
        }
    }

    /** Sends what is buffered, ends the response and waits until it is written. */
    void end() throws IOException {
        awaitInFlight();
        await(response.end(Buffer.buffer(length).appendBytes(buffer, 0, length)));
        length = 0;
    }

    private void send() throws IOException {
        awaitInFlight();
        if (inFlight == null && !response.isChunked()) {
            response.setChunked(true);
        }
        inFlight = response.write(Buffer.buffer(length).appendBytes(buffer, 0, length));
        length = 0;
    }

    private void awaitInFlight() throws IOException {
        if (inFlight != null) {
            await(inFlight);
        }
    }

    private static void await(Future<Void> write) throws IOException {
        try {
            write.toCompletionStage().toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ClientGone("write failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new ClientGone("no write progress for " + WRITE_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the metrics body", e);
        }
    }
}
