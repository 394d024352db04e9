package io.pxeflow.reporter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A sink whose sends complete only when the test says so, oldest first. */
final class ManualSink implements HeartbeatSink {
    record Sent(String key, byte[] value) {
    }

    private final List<Sent> history = new ArrayList<>();
    private final Deque<Completion> pending = new ArrayDeque<>();
    private boolean closed;

    @Override
    public void send(String key, byte[] value, Completion done) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        history.add(new Sent(key, value));
        pending.add(done);
    }

    List<Sent> history() {
        return history;
    }

    /** Acknowledges the oldest outstanding send; false when none is outstanding. */
    boolean completeNext() {
        Completion c = pending.poll();
        if (c == null) {
            return false;
        }
        c.done(null);
        return true;
    }

    void errorNext(Exception e) {
        pending.remove().done(e);
    }

    @Override
    public String describe() {
        return "a manual test sink";
    }

    @Override
    public void close(Duration timeout) {
        closed = true;
    }
}
