package io.pxeflow.simulator.cluster;

import io.pxeflow.simulator.ControllerChild;
import io.pxeflow.simulator.Disruption;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Kills parts of the {@link ClusterStack} at random moments of the play, each kind on its own
 * thread so that they overlap: a Kafka node stopped hard and started again after
 * {@code brokerDown}; a controller SIGKILLed and restarted at once (the other keeps its
 * partitions meanwhile, then gives back the killed one's); a generator SIGKILLed mid-render,
 * its tree checked for partial files while it is dead, and restarted. Kinds take turns among
 * their members (Kafka nodes 2, 3, 1, …; controllers a, b; generators even, odd).
 */
final class ClusterKills implements Disruption {
    private final ClusterStack stack;
    private final int brokerKills;
    private final int controllerKills;
    private final int generatorKills;
    private final Duration brokerDown;
    private final Random random;
    private final PrintStream out;
    private final List<String> report = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private volatile Throwable failure;
    private volatile int partialFiles;
    private volatile int filesChecked;

    ClusterKills(ClusterStack stack, int brokerKills, int controllerKills, int generatorKills, Duration brokerDown, long seed,
                 PrintStream out) {
        this.stack = stack;
        this.brokerKills = brokerKills;
        this.controllerKills = controllerKills;
        this.generatorKills = generatorKills;
        this.brokerDown = brokerDown;
        this.random = new Random(seed);
        this.out = out;
    }

    @Override
    public void playStarted(long spanMillis) {
        long start = System.nanoTime();
        spawn("broker", moments(brokerKills, spanMillis), start, this::killBroker);
        spawn("controller", moments(controllerKills, spanMillis), start, this::killController);
        spawn("generator", moments(generatorKills, spanMillis), start, this::killGenerator);
    }

    private List<Long> moments(int n, long spanMillis) {
        List<Long> m = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            m.add((long) (random.nextDouble() * spanMillis * 0.8));
        }
        Collections.sort(m);
        return m;
    }

    @FunctionalInterface
    private interface Kill {
        String run(int i, long atMillis) throws Exception;
    }

    private void spawn(String kind, List<Long> moments, long start, Kill kill) {
        if (moments.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < moments.size(); i++) {
                    long wait = moments.get(i) - (System.nanoTime() - start) / 1_000_000;
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    long at = (System.nanoTime() - start) / 1_000_000;
                    String line = String.format("%s kill %d/%d at play+%.1f s: %s", kind, i + 1, moments.size(), at / 1e3,
                        kill.run(i, at));
                    report.add(line);
                    out.println(line);
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                failure = e;
            }
        }, "cluster-kills-" + kind);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private String killBroker(int i, long at) throws InterruptedException {
        int node = (1 + i) % stack.kafka.size() + 1;
        long t0 = System.nanoTime();
        stack.kafka.stop(node);
        Thread.sleep(brokerDown.toMillis());
        stack.kafka.restart(node);
        return String.format("Kafka node %d stopped hard (no controlled shutdown), down %.1f s, restarted and ready %.1f s"
            + " after the stop", node, brokerDown.toMillis() / 1e3, (System.nanoTime() - t0) / 1e9);
    }

    private String killController(int i, long at) throws Exception {
        ControllerChild c = stack.controllers.get(i % stack.controllers.size());
        long pid = c.pid();
        long t0 = System.nanoTime();
        int exit = c.kill();
        c.start();
        c.awaitReady(ClusterStack.READY);
        return String.format("controller %s pid %d SIGKILLed (exit %d), restarted, ready %.1f s after the kill",
            (char) ('a' + i % stack.controllers.size()), pid, exit, (System.nanoTime() - t0) / 1e9);
    }

    private String killGenerator(int i, long at) throws Exception {
        GeneratorChild g = stack.generators.get(i % stack.generators.size());
        long pid = g.pid();
        long t0 = System.nanoTime();
        int exit = g.kill();
        int[] whole = checkWhole(g.outputDir());
        g.start();
        g.awaitCaughtUp(ClusterStack.READY);
        return String.format("%s pid %d SIGKILLed mid-render (exit %d): %d files whole, %d partial; restarted, caught up"
            + " %.1f s after the kill", g.name(), pid, exit, whole[0], whole[1], (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Every file a DHCP or TFTP server could open (not the dot-named temp files a write goes
     * through) is whole: not empty, ending in a newline. Returns {whole, partial}.
     */
    int[] checkWhole(Path dir) throws IOException {
        int[] counts = new int[2];
        if (!Files.isDirectory(dir)) {
            return counts;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(p) || p.getFileName().toString().startsWith(".")) {
                    continue;
                }
                byte[] b = Files.readAllBytes(p);
                if (b.length == 0 || b[b.length - 1] != '\n') {
                    counts[1]++;
                    out.println("PARTIAL FILE " + p + " (" + b.length + " bytes)");
                } else {
                    counts[0]++;
                }
            }
        }
        synchronized (this) {
            filesChecked += counts[0] + counts[1];
            partialFiles += counts[1];
        }
        return counts;
    }

    int partialFiles() {
        return partialFiles;
    }

    int filesChecked() {
        return filesChecked;
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public void awaitDone() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
        if (failure != null) {
            throw new IllegalStateException("a kill of the cluster torture failed", failure);
        }
    }

    @Override
    public List<String> report() {
        return new ArrayList<>(report);
    }
}
