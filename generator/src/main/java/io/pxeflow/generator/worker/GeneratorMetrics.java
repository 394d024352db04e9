package io.pxeflow.generator.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pxeflow.generator.output.ApplyReport;
import io.pxeflow.generator.output.KeyOutcome;
import io.pxeflow.generator.render.Output;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The generator's meters, all under {@code pxeflow_generator_} with a few tags (outcome, output,
 * generator) so dashboards can query exactly these names.
 */
final class GeneratorMetrics {
    private final MeterRegistry registry;
    private final String generator;
    private final Counter written;
    private final Counter skipped;
    private final Counter deleted;
    private final Counter archived;
    private final Counter deadLetters;
    private final Counter writeFailures;
    private final Timer apply;

    GeneratorMetrics(MeterRegistry registry, String generator) {
        this.registry = registry;
        this.generator = generator;
        this.written = counter("pxeflow.generator.files.written", "files replaced because their content changed");
        this.skipped = counter("pxeflow.generator.files.skipped", "files rendered identical to what is on disk");
        this.deleted = counter("pxeflow.generator.files.deleted", "files of removed nodes or moved MACs");
        this.archived = counter("pxeflow.generator.overlays.archived", "overlays of removed nodes moved to .archive");
        this.deadLetters = counter("pxeflow.generator.dead.letters", "refused config records put on the dead-letter topic");
        this.writeFailures = counter("pxeflow.generator.write.failures",
            "batches the output directory refused (full, read-only); each is tried again");
        this.apply = Timer.builder("pxeflow.generator.apply.duration").description("render and write one batch")
            .tag("generator", generator).register(registry);
    }

    /**
     * Reload and validation meters exist from the start at zero for every output this generator
     * writes, hooked or not (an output without a hook has run its hook zero times), so dashboards
     * and alerts see "no failures" rather than no data, and rate() has a first point.
     */
    void declare(java.util.Collection<Output> outputs) {
        for (Output o : outputs) {
            runs(o);
            failures(o);
            reloadDuration(o);
            refusals(o);
        }
    }

    void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).tag("generator", generator)
            .register(registry);
    }

    void writeFailed() {
        writeFailures.increment();
    }

    void applied(ApplyReport r, Duration took) {
        apply.record(took);
        written.increment(r.stats().written());
        skipped.increment(r.stats().skipped());
        deleted.increment(r.stats().deleted());
        archived.increment(r.stats().archived());
    }

    void render(KeyOutcome o) {
        Counter.builder("pxeflow.generator.renders").description("config records rendered, by outcome")
            .tag("generator", generator).tag("outcome", o.outcome().code()).register(registry).increment();
    }

    void reload(Output o, boolean ok, Duration took) {
        runs(o).increment();
        if (!ok) {
            failures(o).increment();
        }
        reloadDuration(o).record(took);
    }

    private Timer reloadDuration(Output o) {
        return Timer.builder("pxeflow.generator.reload.duration").description("reload hook run time")
            .tag("generator", generator).tag("output", o.code()).register(registry);
    }

    void deadLetter() {
        deadLetters.increment();
    }

    void validationRefused(Output o) {
        refusals(o).increment();
    }

    private Counter runs(Output o) {
        return perOutput("pxeflow.generator.reload.runs", "reload hook runs", o);
    }

    private Counter failures(Output o) {
        return perOutput("pxeflow.generator.reload.failures", "reload hook runs that failed", o);
    }

    private Counter refusals(Output o) {
        return perOutput("pxeflow.generator.validation.refusals", "renders the real tool refused", o);
    }

    private Counter perOutput(String name, String description, Output o) {
        return Counter.builder(name).description(description).tag("generator", generator).tag("output", o.code())
            .register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tag("generator", generator).register(registry);
    }
}
