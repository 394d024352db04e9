package io.pxeflow.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Kills the controller (a {@link ControllerChild}) with SIGKILL {@code kills} times at random
 * moments spread over the play and starts it again each time, while the simulator keeps feeding
 * Kafka. Restarts alternate between the state directory the killed controller left (a process
 * crash) and an emptied one (the head node's disk replaced). Today that makes no difference: the
 * stores are in-memory, Streams writes nothing there, and every restart restores from the
 * changelogs; it will once the controller keeps state on disk. A kill falls due at its random moment
 * but never before the previous restart is ready (then at a random moment within 2 s of that), so
 * every restart's time to ready is measured and every incarnation does some work.
 */
public final class ControllerKills implements Disruption {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final long LATE_KILL_SPREAD_MILLIS = 2_000;

    private final int kills;
    private final Random random;
    private final PrintStream out;
    private final Path logDir;
    private final String javaOpts;
    private final Map<String, String> overrides;
    private final List<String> report = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> readySeconds = Collections.synchronizedList(new ArrayList<>());
    private volatile ControllerChild child;
    private volatile Throwable failure;
    private Thread thread;

    /**
     * @param out       where each kill is printed as it happens
     * @param overrides controller settings for every incarnation
     */
    public ControllerKills(int kills, long seed, PrintStream out, Path logDir, String javaOpts, Map<String, String> overrides) {
        if (kills < 1) {
            throw new IllegalArgumentException("--kill-controller must be positive");
        }
        this.kills = kills;
        this.random = new Random(seed);
        this.out = out;
        this.logDir = logDir;
        this.javaOpts = javaOpts;
        this.overrides = overrides;
    }

    /** Starts the first controller child for the stack and waits until it is ready. */
    public EmbeddedStack.ControllerLauncher launcher() {
        return (bootstrap, prefix, dir) -> {
            ControllerChild c = new ControllerChild(bootstrap, prefix, dir, logDir, javaOpts, overrides);
            c.start();
            c.awaitReady(READY_TIMEOUT);
            child = c;
            return c;
        };
    }

    @Override
    public void playStarted(long spanMillis) {
        if (child == null) {
            throw new IllegalStateException("the controller was not started by this disruption's launcher");
        }
        List<Long> moments = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            moments.add((long) (random.nextDouble() * spanMillis));
        }
        Collections.sort(moments);
        long start = System.nanoTime();
        thread = new Thread(() -> {
            try {
                run(moments, start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                failure = e;
            }
        }, "simulator-controller-kills");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(List<Long> drawn, long start) throws IOException, InterruptedException {
        long earliest = 0;
        for (int i = 0; i < drawn.size(); i++) {
            long due = Math.max(drawn.get(i), earliest);
            sleepUntil(start, due);
            long at = millisSince(start);
            long pid = child.pid();
            int exit = child.kill();
            long killed = System.nanoTime();
            boolean wipe = i % 2 == 1;
            if (wipe) {
                TempDirs.deleteTree(child.controllerStateDir());
            }
            child.start();
            child.awaitReady(READY_TIMEOUT);
            double ready = (System.nanoTime() - killed) / 1e9;
            readySeconds.add(ready);
            String line = String.format("kill %d/%d at play+%.1f s%s: pid %d SIGKILLed (exit %d); restarted with %s state dir;"
                    + " ready %.1f s after the kill", i + 1, kills, at / 1e3,
                due > drawn.get(i) ? String.format(" (drawn for +%.1f s, after the previous restart's readiness)",
                    drawn.get(i) / 1e3) : "",
                pid, exit, wipe ? "an emptied" : "its old", ready);
            report.add(line);
            out.println(line);
            out.flush();
            // A kill drawn for a moment that has passed comes at a random moment shortly after this restart.
            earliest = millisSince(start) + (long) (random.nextDouble() * LATE_KILL_SPREAD_MILLIS);
        }
    }

    private static void sleepUntil(long start, long dueMillis) throws InterruptedException {
        long wait = dueMillis - millisSince(start);
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public void awaitDone() throws InterruptedException {
        if (thread != null) {
            thread.join();
        }
        if (failure != null) {
            throw new IllegalStateException("killing and restarting the controller failed", failure);
        }
    }

    @Override
    public List<String> report() {
        List<String> lines = new ArrayList<>(report);
        List<Double> times = new ArrayList<>(readySeconds);
        if (!times.isEmpty()) {
            Collections.sort(times);
            lines.add(String.format("controller killed %d times with SIGKILL; restart to ready: min %.1f s, median %.1f s,"
                    + " max %.1f s", times.size(), times.get(0), times.get(times.size() / 2),
                times.get(times.size() - 1)));
        }
        return lines;
    }

    public int killsDone() {
        return readySeconds.size();
    }
}
