package io.pxeflow.power.domain;

import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerFailure;
import io.pxeflow.protocol.message.PowerOutcome;
import io.pxeflow.protocol.message.PowerRequest;
import io.pxeflow.protocol.message.PowerResult;
import io.pxeflow.protocol.message.PowerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Does one power request against its node's BMC and says how it ended. The rules:
 *
 * <ul>
 *   <li>a request read after its {@code expires} is not done: {@code expired} (a power cycle an
 *       hour late, after the admin gave up and walked to the rack, is worse than none);
 *   <li>no login on this head node, or a protocol this worker has no driver for, fails at once;
 *   <li>{@code pxeOnce} sets the PXE boot override first, then the action runs;
 *   <li>{@code cycle} of a node that is off powers it on (a BMC told to cycle a node that is off
 *       may do nothing), so "reinstall this node" works whatever state it was left in;
 *   <li>a retryable failure (timeout, lost BMC, BMC error) runs the whole request again after a
 *       pause from the {@link RetrySchedule}: the override is set again too, so a cycle whose
 *       answer was lost but which did happen still ends in a PXE boot;
 *   <li>the resulting state is what the BMC reported ({@code status}) or what it accepted to do
 *       ({@code on}, {@code cycle} and {@code reset} end on, {@code off} off).
 * </ul>
 *
 * Pure apart from the drivers it is given: time and pauses come from outside, so tests run the
 * schedule on a fake clock.
 */
public final class PowerRun {
    /** Pauses between attempts; the worker sleeps, tests advance a fake clock. */
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    /** Hears about each failed attempt that will be tried again (logs, the retry counter). */
    public interface RetryListener {
        void retrying(PowerRequest request, int failedAttempt, BmcException failure, Duration pause);
    }

    private final String worker;
    private final Map<BmcProtocol, BmcDriver> drivers;
    private final BmcLogins logins;
    private final RetrySchedule retries;
    private final Clock clock;
    private final Pause pause;
    private final DoubleSupplier random;
    private final RetryListener listener;

    public PowerRun(String worker, Map<BmcProtocol, BmcDriver> drivers, BmcLogins logins, RetrySchedule retries,
                    Clock clock, Pause pause, DoubleSupplier random, RetryListener listener) {
        this.worker = worker;
        this.drivers = Map.copyOf(drivers);
        this.logins = logins;
        this.retries = retries;
        this.clock = clock;
        this.pause = pause;
        this.random = random;
        this.listener = listener;
    }

    public PowerResult run(PowerRequest request) throws InterruptedException {
        Instant started = clock.instant();
        if (started.isAfter(request.expires())) {
            return failed(request, started, 0, new BmcException(PowerFailure.EXPIRED, "asked at " + request.time()
                + ", not done by " + request.expires() + ": no power worker took it in time"));
        }
        BmcDriver driver = drivers.get(request.bmc().protocol());
        if (driver == null) {
            return failed(request, started, 0, new BmcException(PowerFailure.UNSUPPORTED,
                "this power worker has no " + request.bmc().protocol().code() + " driver"));
        }
        BmcTarget target;
        try {
            target = new BmcTarget(request.node(), request.bmc(), logins.read(request.bmc().credentials()));
        } catch (BmcException e) {
            return failed(request, started, 0, e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Done done = once(driver, target, request);
                return new PowerResult(request.requestId(), request.node(), request.action(), request.pxeOnce(),
                    PowerOutcome.SUCCEEDED, done.state, null, done.detail, worker, attempt, started, clock.instant());
            } catch (BmcException e) {
                Optional<Duration> wait = retries.pauseBefore(attempt + 1, e, random);
                if (wait.isEmpty()) {
                    return failed(request, started, attempt, e);
                }
                listener.retrying(request, attempt, e, wait.get());
                pause.pause(wait.get());
            }
        }
    }

    private record Done(PowerState state, String detail) {
    }

    private static Done once(BmcDriver driver, BmcTarget target, PowerRequest request) throws BmcException {
        if (request.pxeOnce()) {
            driver.pxeOnce(target);
        }
        return switch (request.action()) {
            case STATUS -> new Done(driver.status(target), null);
            case ON -> act(driver, target, PowerAction.ON, PowerState.ON);
            case OFF -> act(driver, target, PowerAction.OFF, PowerState.OFF);
            case RESET -> act(driver, target, PowerAction.RESET, PowerState.ON);
            case CYCLE -> {
                if (driver.status(target) == PowerState.OFF) {
                    driver.power(target, PowerAction.ON);
                    yield new Done(PowerState.ON, "was off: powered on");
                }
                yield act(driver, target, PowerAction.CYCLE, PowerState.ON);
            }
            case UNKNOWN -> throw new BmcException(PowerFailure.UNSUPPORTED, "unknown power action");
        };
    }

    private static Done act(BmcDriver driver, BmcTarget target, PowerAction action, PowerState after) throws BmcException {
        driver.power(target, action);
        return new Done(after, null);
    }

    private PowerResult failed(PowerRequest request, Instant started, int attempts, BmcException e) {
        return new PowerResult(request.requestId(), request.node(), request.action(), request.pxeOnce(),
            PowerOutcome.FAILED, PowerState.UNKNOWN, e.reason(), clip(e.getMessage()), worker, attempts, started,
            clock.instant());
    }

    /** One line, bounded: tool output can be long and hold newlines, a result's detail may not. */
    static String clip(String message) {
        if (message == null) {
            return null;
        }
        String line = message.replaceAll("[\\p{Cntrl}\u2028\u2029]+", " ").strip();
        return line.length() <= PowerResult.MAX_DETAIL ? line : line.substring(0, PowerResult.MAX_DETAIL - 1) + "…";
    }
}
