package io.pxeflow.generator.reload;

import io.pxeflow.generator.output.KeyOutcome;
import io.pxeflow.generator.render.Output;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each output's reload hook once per burst of changes: the first request opens a window of
 * {@code debounce}; everything requested until it closes rides on the same run, however many nodes
 * changed. A failing hook is retried with exponential backoff up to {@code maxBackoff}, and the
 * records waiting on it stay waiting: they are reported FAILED (with the hook's output) when it
 * fails and APPLIED once it succeeds, so no change is lost to a flaky daemon.
 */
public final class ReloadScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadScheduler.class);

    private final Map<Output, CommandLine> hooks = new EnumMap<>(Output.class);
    private final Duration debounce;
    private final Duration maxBackoff;
    private final CommandRunner runner;
    private final Listener listener;
    private final ScheduledExecutorService executor;
    private final Map<Output, OutputState> states = new EnumMap<>(Output.class);
    /** Records waiting on one or more reloads, by config key; the latest outcome per key wins. */
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();

    /** What the scheduler reports: to config-status and metrics. */
    public interface Listener {
        /** The hook ran; {@code applied} are the records now fully applied. */
        void reloaded(Output output, CommandRunner.Result result, List<KeyOutcome> applied);

        /** The hook failed; {@code stillWaiting} are reported FAILED and stay queued for the retry. */
        void failed(Output output, CommandRunner.Result result, String reason, List<KeyOutcome> stillWaiting);
    }

    private static final class OutputState {
        ScheduledFuture<?> scheduled;
        int failures;
    }

    private record Waiting(KeyOutcome outcome, EnumSet<Output> remaining) {
    }

    public ReloadScheduler(Map<Output, String> commands, Duration debounce, Duration maxBackoff, CommandRunner runner,
                           Listener listener) {
        commands.forEach((o, c) -> hooks.put(o, CommandLine.parse(c)));
        this.debounce = debounce;
        this.maxBackoff = maxBackoff;
        this.runner = runner;
        this.listener = listener;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "generator-reload");
            t.setDaemon(true);
            return t;
        });
    }

    public Set<Output> hooked() {
        return hooks.isEmpty() ? EnumSet.noneOf(Output.class) : EnumSet.copyOf(hooks.keySet());
    }

    /**
     * Asks for a reload of {@code outputs}; {@code outcomes} are reported once every output they
     * touched (among those) has reloaded. Outputs without a hook are ignored.
     */
    public synchronized void request(Set<Output> outputs, List<KeyOutcome> outcomes) {
        EnumSet<Output> wanted = EnumSet.noneOf(Output.class);
        outputs.stream().filter(hooks::containsKey).forEach(wanted::add);
        for (KeyOutcome o : outcomes) {
            EnumSet<Output> mine = EnumSet.noneOf(Output.class);
            o.touched().stream().filter(wanted::contains).forEach(mine::add);
            if (!mine.isEmpty()) {
                Waiting before = waiting.remove(o.key());
                if (before != null) {
                    mine.addAll(before.remaining());
                }
                waiting.put(o.key(), new Waiting(o, mine));
            }
        }
        for (Output o : wanted) {
            OutputState s = states.computeIfAbsent(o, k -> new OutputState());
            if (s.scheduled == null) {
                s.scheduled = executor.schedule(() -> run(o), debounce.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Whether {@code outcome} has to wait for a reload before it is reported. */
    public boolean waitsFor(KeyOutcome outcome, Set<Output> needed) {
        return outcome.touched().stream().anyMatch(o -> needed.contains(o) && hooks.containsKey(o));
    }

    public synchronized int pendingRecords() {
        return waiting.size();
    }

    public synchronized int pendingReloads() {
        return (int) states.values().stream().filter(s -> s.scheduled != null).count();
    }

    private void run(Output o) {
        CommandLine cmd = hooks.get(o);
        CommandRunner.Result r = runner.run(cmd);
        List<KeyOutcome> done = new ArrayList<>();
        List<KeyOutcome> still = new ArrayList<>();
        String reason = null;
        synchronized (this) {
            OutputState s = states.get(o);
            s.scheduled = null;
            if (r.ok()) {
                s.failures = 0;
                for (var it = waiting.entrySet().iterator(); it.hasNext();) {
                    Waiting w = it.next().getValue();
                    if (w.remaining().remove(o) && w.remaining().isEmpty()) {
                        done.add(w.outcome());
                        it.remove();
                    }
                }
            } else {
                s.failures++;
                reason = "reload of " + o.code() + " failed (attempt " + s.failures + "): " + r.describe(cmd);
                for (Waiting w : waiting.values()) {
                    if (w.remaining().contains(o)) {
                        still.add(w.outcome());
                    }
                }
                long backoff = Math.min(maxBackoff.toMillis(), debounce.toMillis() * (1L << Math.min(s.failures, 20)));
                s.scheduled = executor.schedule(() -> run(o), backoff, TimeUnit.MILLISECONDS);
            }
        }
        if (r.ok()) {
            LOG.info("reloaded {} with '{}' in {} ms; {} records applied", o.code(), cmd, r.took().toMillis(), done.size());
            listener.reloaded(o, r, done);
        } else {
            LOG.warn("{}; {} records wait for the retry", reason, still.size());
            listener.failed(o, r, reason, still);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
