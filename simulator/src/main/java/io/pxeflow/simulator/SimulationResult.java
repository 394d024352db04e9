package io.pxeflow.simulator;

import io.pxeflow.simulator.model.Divergence;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** What a run measured and found; {@link #print} is the simulator's report. */
public record SimulationResult(SimulationSettings settings, double registerSeconds, double configSeconds,
                               double playSeconds, double verifySeconds, String sent, List<Long> latenciesMillis,
                               int latencyPending, Map<String, Long> reloads, long debounceMillis,
                               List<String> disruption, String latencySplit, List<Divergence> divergences) {

    public boolean ok() {
        return divergences.isEmpty();
    }

    /** The {@code p}-th percentile (0..100) of the PXE-served to config-applied latencies, or -1 if none. */
    public long percentile(double p) {
        if (latenciesMillis.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(latenciesMillis);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    public void print(PrintStream out) {
        SimulationSettings s = settings;
        out.printf("scenario %s: %d nodes powered on within %d s (seed %d, heartbeat %d s)%n", s.scenario().code(),
            s.nodes(), s.window().toSeconds(), s.seed(), s.timing().heartbeatSeconds());
        out.printf("registered in %.1f s; first configs applied in %.1f s; played in %.1f s; verified in %.1f s%n",
            registerSeconds, configSeconds, playSeconds, verifySeconds);
        out.println("sent: " + sent);
        if (latenciesMillis.isEmpty()) {
            out.println("PXE answer served -> config applied: no samples (no generator reporting?)");
        } else {
            out.printf("PXE answer served -> config applied: n=%d p50=%d ms p90=%d ms p99=%d ms max=%d ms"
                    + " (%d never applied)%n", latenciesMillis.size(), percentile(50), percentile(90), percentile(99),
                percentile(100), latencyPending);
            if (latencySplit != null) {
                out.println(latencySplit);
            }
        }
        if (reloads != null) {
            long windows = Math.max(1, (long) Math.ceil(playSeconds * 1000 / debounceMillis));
            out.printf("reload-hook runs during play: %s over %.1f s = %d debounce windows of %d ms%n",
                reloads.isEmpty() ? "none" : reloads, playSeconds, windows, debounceMillis);
        }
        disruption.forEach(out::println);
        for (Divergence d : divergences) {
            out.println("DIVERGENCE " + d);
        }
        out.printf("%s: %d divergences from the reference model%n", ok() ? "OK" : "FAILED", divergences.size());
    }
}
