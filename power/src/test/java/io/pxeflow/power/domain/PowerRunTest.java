package io.pxeflow.power.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerFailure;
import io.pxeflow.protocol.message.PowerOutcome;
import io.pxeflow.protocol.message.PowerRequest;
import io.pxeflow.protocol.message.PowerResult;
import io.pxeflow.protocol.message.PowerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request-to-result rules on a fake clock. The BMC here is a script of answers: what the
 * rules do with each answer is the subject; the drivers meet real BMC simulators in their ITs.
 */
class PowerRunTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final BmcSpec BMC = new BmcSpec("10.77.0.5", BmcProtocol.IPMI, "rack7");

    /** A clock the pauses move forward. */
    static final class FakeClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Records the calls and answers each from a script (a state, or a failure); an empty script answers "done". */
    static final class ScriptedBmc implements BmcDriver {
        final List<String> calls = new ArrayList<>();
        final Deque<Object> script = new ArrayDeque<>();
        final FakeClock clock;

        ScriptedBmc(FakeClock clock, Object... answers) {
            this.clock = clock;
            script.addAll(List.of(answers));
        }

        private Object answer(String call) throws BmcException {
            calls.add(call + "@" + Duration.between(T0, clock.now).toMillis());
            Object a = script.isEmpty() ? "done" : script.removeFirst();
            if (a instanceof BmcException e) {
                throw e;
            }
            return a;
        }

        @Override
        public PowerState status(BmcTarget target) throws BmcException {
            return (PowerState) answer("status");
        }

        @Override
        public void power(BmcTarget target, PowerAction action) throws BmcException {
            answer(action.code());
        }

        @Override
        public void pxeOnce(BmcTarget target) throws BmcException {
            answer("pxe-once");
        }
    }

    private final FakeClock clock = new FakeClock();
    private final List<String> retries = new ArrayList<>();

    private PowerRun run(BmcDriver driver, BmcLogins logins) {
        return new PowerRun("power-r7", Map.of(BmcProtocol.IPMI, driver), logins,
            new RetrySchedule(3, Duration.ofSeconds(1), Duration.ofSeconds(10), 0), clock,
            d -> clock.now = clock.now.plus(d), () -> 0.0,
            (req, attempt, e, pause) -> retries.add(attempt + " " + e.reason().code() + " " + pause.toMillis()));
    }

    private static BmcLogins login() {
        return name -> new BmcLogin("admin", "s3cret");
    }

    private static PowerRequest request(PowerAction action, boolean pxeOnce) {
        return new PowerRequest("req-1", "r7n5", action, pxeOnce, BMC, "api", T0, T0.plusSeconds(300));
    }

    @Test
    void reinstallSetsPxeOnceThenCyclesARunningNode() throws Exception {
        ScriptedBmc bmc = new ScriptedBmc(clock, "done", PowerState.ON, "done");
        PowerResult r = run(bmc, login()).run(request(PowerAction.CYCLE, true));
        assertEquals(List.of("pxe-once@0", "status@0", "cycle@0"), bmc.calls);
        assertEquals(PowerOutcome.SUCCEEDED, r.outcome());
        assertEquals(PowerState.ON, r.state());
        assertEquals(1, r.attempts());
        assertEquals("power-r7", r.worker());
        assertNull(r.reason());
    }

    @Test
    void cyclingANodeThatIsOffPowersItOn() throws Exception {
        ScriptedBmc bmc = new ScriptedBmc(clock, PowerState.OFF);
        PowerResult r = run(bmc, login()).run(request(PowerAction.CYCLE, false));
        assertEquals(List.of("status@0", "on@0"), bmc.calls);
        assertEquals("was off: powered on", r.detail());
        assertEquals(PowerState.ON, r.state());
    }

    @Test
    void statusReportsWhatTheBmcSaysAndOffEndsOff() throws Exception {
        assertEquals(PowerState.OFF, run(new ScriptedBmc(clock, PowerState.OFF), login())
            .run(request(PowerAction.STATUS, false)).state());
        ScriptedBmc bmc = new ScriptedBmc(clock);
        assertEquals(PowerState.OFF, run(bmc, login()).run(request(PowerAction.OFF, false)).state());
        assertEquals(List.of("off@0"), bmc.calls);
    }

    @Test
    void aTimeoutIsRetriedAfterDoublingPausesAndTheWholeRequestRunsAgain() throws Exception {
        BmcException timeout = new BmcException(PowerFailure.TIMEOUT, "no answer within 10 s");
        ScriptedBmc bmc = new ScriptedBmc(clock, "done", timeout, "done", PowerState.ON, "done");
        PowerResult r = run(bmc, login()).run(request(PowerAction.CYCLE, true));
        assertEquals(List.of("pxe-once@0", "status@0", "pxe-once@1000", "status@1000", "cycle@1000"), bmc.calls,
            "the override is set again before the retried cycle");
        assertEquals(List.of("1 timeout 1000"), retries);
        assertEquals(PowerOutcome.SUCCEEDED, r.outcome());
        assertEquals(2, r.attempts());
        assertEquals(T0.plusSeconds(1), r.finished());
    }

    @Test
    void afterTheLastAttemptTheFailureIsReportedWithItsReason() throws Exception {
        BmcException lost = new BmcException(PowerFailure.UNREACHABLE, "10.77.0.5: no route to host");
        ScriptedBmc bmc = new ScriptedBmc(clock, lost, lost, lost);
        PowerResult r = run(bmc, login()).run(request(PowerAction.ON, false));
        assertEquals(List.of("on@0", "on@1000", "on@3000"), bmc.calls);
        assertEquals(PowerOutcome.FAILED, r.outcome());
        assertEquals(PowerFailure.UNREACHABLE, r.reason());
        assertEquals(PowerState.UNKNOWN, r.state());
        assertEquals(3, r.attempts());
        assertEquals("on failed (unreachable): 10.77.0.5: no route to host", r.summary());
    }

    @Test
    void aWrongPasswordFailsAtOnce() throws Exception {
        ScriptedBmc bmc = new ScriptedBmc(clock, new BmcException(PowerFailure.AUTH, "the BMC refused user admin"));
        PowerResult r = run(bmc, login()).run(request(PowerAction.RESET, false));
        assertEquals(1, bmc.calls.size());
        assertEquals(PowerFailure.AUTH, r.reason());
        assertEquals(List.of(), retries);
    }

    @Test
    void missingCredentialsFailBeforeTheBmcIsTouched() throws Exception {
        ScriptedBmc bmc = new ScriptedBmc(clock);
        BmcLogins none = name -> {
            throw new BmcException(PowerFailure.CREDENTIALS, "no credentials file /etc/pxeflow/bmc/" + name);
        };
        PowerResult r = run(bmc, none).run(request(PowerAction.ON, false));
        assertEquals(List.of(), bmc.calls);
        assertEquals(PowerFailure.CREDENTIALS, r.reason());
        assertEquals(0, r.attempts());
        assertTrue(r.detail().endsWith("/etc/pxeflow/bmc/rack7"), r.detail());
    }

    @Test
    void aRequestReadAfterItsDeadlineIsNotDone() throws Exception {
        ScriptedBmc bmc = new ScriptedBmc(clock);
        clock.now = T0.plusSeconds(301);
        PowerResult r = run(bmc, login()).run(request(PowerAction.CYCLE, true));
        assertEquals(List.of(), bmc.calls);
        assertEquals(PowerFailure.EXPIRED, r.reason());
    }

    @Test
    void aProtocolWithoutADriverIsUnsupported() throws Exception {
        PowerRequest redfish = new PowerRequest("req-2", "r7n5", PowerAction.ON, false,
            new BmcSpec("10.77.0.5", BmcProtocol.REDFISH, "rack7"), "api", T0, T0.plusSeconds(60));
        PowerResult r = run(new ScriptedBmc(clock), login()).run(redfish);
        assertEquals(PowerFailure.UNSUPPORTED, r.reason());
        assertEquals("this power worker has no redfish driver", r.detail());
    }

    @Test
    void detailsAreOneBoundedLine() {
        assertEquals("Error: Unable to establish IPMI v2 / RMCP+ session RAKP 2 HMAC is invalid",
            PowerRun.clip("Error: Unable to establish IPMI v2 / RMCP+ session\nRAKP 2 HMAC is invalid\n"));
        assertEquals(1000, PowerRun.clip("x".repeat(5000)).length());
    }
}
