package io.pxeflow.controller.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pxeflow.controller.metrics.DeadLetterReason;
import io.pxeflow.protocol.message.LifecycleKind;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The controller's processing metrics; meters are created once and cached, never per record. */
public final class ControllerMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> processed = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<LifecycleKind, Counter> transitions = new EnumMap<>(LifecycleKind.class);
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Counter bootLoops;
    private final Counter durableWrites;
    private final Counter unknownNodeInputs;
    private final Counter lateInputs;
    private final Timer latency;

    public ControllerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (LifecycleKind k : LifecycleKind.values()) {
            transitions.put(k, Counter.builder("pxeflow_transitions").description("Lifecycle events emitted, by kind")
                .tag("kind", k.code()).register(registry));
        }
        bootLoops = Counter.builder("pxeflow_boot_loops").description("Times a node was found boot-looping")
            .register(registry);
        durableWrites = Counter.builder("pxeflow_state_writes").description("Durable node-state writes").register(registry);
        unknownNodeInputs = Counter.builder("pxeflow_unknown_node_inputs")
            .description("Inputs naming a node that is not in the inventory").register(registry);
        lateInputs = Counter.builder("pxeflow_late_inputs")
            .description("Inputs applied after a younger input of the same node (the merge of its topics delivered them late)")
            .register(registry);
        latency = Timer.builder("pxeflow_processing_latency")
            .description("Time from an input's record timestamp to the end of its processing")
            .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    }

    /**
     * The rejected-records counter and the dead-letter counter of every reason class for each of
     * these input topics, at zero: a healthy controller shows "0 dead letters" on the dashboard,
     * not "No data", and the alert's increase() has a first point when the first one comes.
     */
    public void declareDeadLetters(Collection<String> inputTopics) {
        for (String topic : inputTopics) {
            rejectedCounter(topic);
            for (String why : DeadLetterReason.ALL) {
                deadLetter(topic, why);
            }
        }
    }

    public void processed(String topic) {
        processed.computeIfAbsent(topic, t -> Counter.builder("pxeflow_events_processed")
            .description("Input records processed, by topic").tag("topic", t).register(registry)).increment();
    }

    /** A record that went to the dead-letter topic, with its free-text reason. */
    public void rejected(String topic, String reason) {
        rejectedCounter(topic).increment();
        deadLetter(topic, DeadLetterReason.classify(reason)).increment();
    }

    private Counter rejectedCounter(String topic) {
        return rejected.computeIfAbsent(topic, t -> Counter.builder("pxeflow_events_rejected")
            .description("Input records rejected to the dead-letter topic, by source topic").tag("topic", t)
            .register(registry));
    }

    private Counter deadLetter(String topic, String why) {
        return deadLetters.computeIfAbsent(topic + ' ' + why, k -> Counter.builder("pxeflow_dead_letters")
            .description("Records written to the dead-letter topic, by source topic and reason class")
            .tag("topic", topic).tag("reason", why).register(registry));
    }

    public void transition(LifecycleKind kind) {
        transitions.get(kind).increment();
        if (kind == LifecycleKind.BOOT_LOOP) {
            bootLoops.increment();
        }
    }

    public void durableWrite() {
        durableWrites.increment();
    }

    /** An input applied after a younger one of its node; returns how many so far. */
    public long lateInput() {
        lateInputs.increment();
        return (long) lateInputs.count();
    }

    public void unknownNode() {
        unknownNodeInputs.increment();
    }

    public void latency(long recordTimestampMs, long nowMs) {
        if (recordTimestampMs > 0 && nowMs >= recordTimestampMs) {
            latency.record(Duration.ofMillis(nowMs - recordTimestampMs));
        }
    }
}
