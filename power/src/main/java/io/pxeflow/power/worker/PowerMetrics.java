package io.pxeflow.power.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerFailure;
import io.pxeflow.protocol.message.PowerOutcome;
import io.pxeflow.protocol.message.PowerResult;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A power worker's meters, all tagged {@code worker}: operations by action and outcome, failures
 * by reason (what an admin looks at first: a wrong password, a rack whose BMCs are gone), retries,
 * request duration, and what is queued and running against the fan-out limit.
 */
final class PowerMetrics {
    private final MeterRegistry registry;
    private final String worker;

    PowerMetrics(MeterRegistry registry, String worker) {
        this.registry = registry;
        this.worker = worker;
        declare();
    }

    /**
     * Every series a dashboard or alert reads, at zero before the first request: a worker that has
     * done nothing yet shows 0 operations and 0 failures, not "No data".
     */
    private void declare() {
        for (PowerAction action : PowerAction.values()) {
            if (action == PowerAction.UNKNOWN) {
                continue;
            }
            for (PowerOutcome outcome : List.of(PowerOutcome.SUCCEEDED, PowerOutcome.FAILED)) {
                operations(action, outcome);
            }
            for (PowerFailure reason : PowerFailure.values()) {
                if (reason != PowerFailure.UNKNOWN) {
                    failures(action, reason);
                }
            }
            duration(action);
        }
        deadLetters();
    }

    private Counter operations(PowerAction action, PowerOutcome outcome) {
        return Counter.builder("pxeflow.power.operations").description("power requests done, by action and outcome")
            .tags("worker", worker, "action", action.code(), "outcome", outcome.code()).register(registry);
    }

    private Counter failures(PowerAction action, PowerFailure reason) {
        return Counter.builder("pxeflow.power.failures").description("failed power requests, by reason")
            .tags("worker", worker, "action", action.code(), "reason", reason.code()).register(registry);
    }

    private Timer duration(PowerAction action) {
        return Timer.builder("pxeflow.power.request.duration").description("how long power requests took, retries included")
            .tags("worker", worker, "action", action.code()).register(registry);
    }

    private Counter deadLetters() {
        return Counter.builder("pxeflow.power.dead.letters").description("power records refused (undecodable, wrong key)")
            .tag("worker", worker).register(registry);
    }

    void gauges(Supplier<Number> queued, Supplier<Number> running, Supplier<Number> kafkaReachable) {
        Gauge.builder("pxeflow.power.queued", queued).description("power requests accepted and not yet started")
            .tag("worker", worker).register(registry);
        Gauge.builder("pxeflow.power.running", running).description("power requests running (at most fanout.max-concurrent)")
            .tag("worker", worker).register(registry);
        Gauge.builder("pxeflow.power.kafka.reachable", kafkaReachable)
            .description("1 while the broker answers the power worker's consumer").tag("worker", worker).register(registry);
    }

    void result(PowerResult r) {
        operations(r.action(), r.outcome()).increment();
        if (!r.succeeded()) {
            failures(r.action(), r.reason()).increment();
        }
        duration(r.action()).record(Duration.between(r.started(), r.finished()));
    }

    void retry(PowerFailure reason) {
        Counter.builder("pxeflow.power.retries").description("BMC calls tried again after a failure, by reason")
            .tags("worker", worker, "reason", reason.code()).register(registry).increment();
    }

    void skipped(String why) {
        Counter.builder("pxeflow.power.skipped").description("power requests read and not done here: another "
            + "shard's node, or an id already done").tags("worker", worker, "why", why).register(registry).increment();
    }

    void deadLetter() {
        deadLetters().increment();
    }
}
