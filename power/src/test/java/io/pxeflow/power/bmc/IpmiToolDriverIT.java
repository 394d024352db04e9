package io.pxeflow.power.bmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.power.domain.BmcException;
import io.pxeflow.power.domain.BmcLogin;
import io.pxeflow.power.domain.BmcTarget;
import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerFailure;
import io.pxeflow.protocol.message.PowerState;
import io.pxeflow.testkit.bmc.IpmiSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ipmitool driver against OpenIPMI's ipmi_sim: what the simulated chassis was told is the assertion. */
class IpmiToolDriverIT {
    private static final String PASSWORD = "Rack4-bmc";
    @TempDir
    static Path dir;
    private static IpmiSimulator bmc;
    private final IpmiToolDriver driver = new IpmiToolDriver("ipmitool", "3", Duration.ofSeconds(2));

    @BeforeAll
    static void start() throws Exception {
        IpmiSimulator.assumeInstalled();
        bmc = IpmiSimulator.start(dir.resolve("bmc"), PASSWORD, null);
    }

    @AfterAll
    static void stop() {
        if (bmc != null) {
            bmc.close();
        }
    }

    private static BmcTarget target(IpmiSimulator sim, String password) {
        return new BmcTarget("r4n1", new BmcSpec(sim.address(), BmcProtocol.IPMI, "rack4"), new BmcLogin("admin", password));
    }

    private void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 10 s; chassis calls " + bmc.operations());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void powerAndPxeOnceReachTheChassis() throws Exception {
        BmcTarget t = target(bmc, PASSWORD);
        driver.power(t, PowerAction.OFF);
        assertEquals(PowerState.OFF, driver.status(t));
        driver.pxeOnce(t);
        assertEquals("pxe", bmc.bootDevice());
        driver.power(t, PowerAction.ON);
        assertEquals("1", bmc.power());
        assertEquals(PowerState.ON, driver.status(t));
        int before = bmc.operations().size();
        driver.power(t, PowerAction.CYCLE);
        // ipmi_sim powers off at once and on again after a second, as a BMC's power cycle does.
        await("the cycle's power-on", () -> bmc.operations().subList(before, bmc.operations().size()).contains("set power 1"));
        List<String> cycle = bmc.operations().subList(before, bmc.operations().size());
        assertEquals("set power 0", cycle.get(0), cycle.toString());
        int beforeReset = bmc.operations().size();
        driver.power(t, PowerAction.RESET);
        assertEquals("set reset 1", bmc.operations().get(beforeReset));
    }

    @Test
    void aWrongPasswordIsAuthAndFailsFast() {
        long t0 = System.nanoTime();
        BmcException e = assertThrows(BmcException.class, () -> driver.status(target(bmc, "wrong")));
        assertEquals(PowerFailure.AUTH, e.reason());
        assertEquals("r4n1's BMC ipmi://" + bmc.address() + " refused user admin: wrong user name or password in "
            + "credentials rack4", e.getMessage());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos(), "no waiting on a BMC that said no");
    }

    @Test
    void aBmcThatNeverAnswersTimesOutWithinTheCallTimeout() throws Exception {
        try (IpmiSimulator frozen = IpmiSimulator.start(dir.resolve("frozen"), PASSWORD, null)) {
            frozen.freeze();
            long t0 = System.nanoTime();
            BmcException e = assertThrows(BmcException.class, () -> driver.power(target(frozen, PASSWORD), PowerAction.ON));
            long took = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertEquals(PowerFailure.TIMEOUT, e.reason(), e.getMessage());
            assertTrue(e.getMessage().endsWith("did not answer within 2 s (power on)"), e.getMessage());
            assertTrue(took < 4_500, "gave up after " + took + " ms");
            assertEquals("0", frozen.power(), "nothing reached the chassis");
        }
    }

    @Test
    void anUnknownHostIsUnreachableAndAMissingToolSaysSo() {
        BmcTarget nowhere = new BmcTarget("r4n9", new BmcSpec("no-such-bmc.invalid", BmcProtocol.IPMI, "rack4"),
            new BmcLogin("admin", PASSWORD));
        assertEquals(PowerFailure.UNREACHABLE, assertThrows(BmcException.class, () -> driver.status(nowhere)).reason());
        BmcException e = assertThrows(BmcException.class,
            () -> new IpmiToolDriver("/nonexistent/ipmitool", "3", Duration.ofSeconds(2)).status(target(bmc, PASSWORD)));
        assertEquals(PowerFailure.TOOL_MISSING, e.reason());
        assertTrue(e.getMessage().contains("apt-get install ipmitool"), e.getMessage());
    }
}
