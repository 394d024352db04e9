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
import io.pxeflow.testkit.bmc.RedfishMockup;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redfish driver against DMTF's Redfish Mockup Server (public-rackmount1) over HTTPS, its
 * certificate signed by a CA made for the test: what the server logged it was sent is the assertion.
 */
class RedfishDriverIT {
    @TempDir
    static Path dir;
    private static RedfishMockup bmc;
    private static RedfishDriver driver;

    @BeforeAll
    static void start() throws Exception {
        RedfishMockup.assumeInstalled();
        bmc = RedfishMockup.start(dir.resolve("bmc"));
        driver = new RedfishDriver(RedfishTls.context(bmc.caCertificate(), false), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        if (bmc != null) {
            bmc.close();
        }
    }

    private static BmcTarget target(String address) {
        return new BmcTarget("r5n2", new BmcSpec(address, BmcProtocol.REDFISH, "rack5"), new BmcLogin("root", "calvin"));
    }

    @Test
    void statusPxeOnceAndResetsGoToTheComputerSystem() throws Exception {
        BmcTarget t = target(bmc.address());
        assertEquals(PowerState.ON, driver.status(t), "public-rackmount1's system is on");
        driver.pxeOnce(t);
        assertEquals(List.of("{'BootSourceOverrideTarget': 'Pxe', 'BootSourceOverrideEnabled': 'Once'}"),
            bmc.bootOverrides());
        driver.power(t, PowerAction.CYCLE);
        driver.power(t, PowerAction.OFF);
        driver.power(t, PowerAction.ON);
        driver.power(t, PowerAction.RESET);
        // The mockup allows On, ForceOff, GracefulShutdown, GracefulRestart, ForceRestart, Nmi, ForceOn,
        // PushPowerButton: no PowerCycle, so a cycle is a ForceRestart.
        assertEquals(List.of("ForceRestart", "ForceOff", "On", "ForceRestart"), bmc.resets());
        assertTrue(bmc.requests().contains("POST " + RedfishMockup.SYSTEM + "/Actions/ComputerSystem.Reset HTTP/1.1 204"),
            bmc.requests().toString());
    }

    @Test
    void aCertificateNoConfiguredCaSignedIsRefusedUnlessInsecure() throws Exception {
        RedfishDriver jdkTrust = new RedfishDriver(RedfishTls.context(null, false), Duration.ofSeconds(5));
        BmcException e = assertThrows(BmcException.class, () -> jdkTrust.status(target(bmc.address())));
        assertEquals(PowerFailure.TLS, e.reason());
        assertTrue(e.getMessage().startsWith("r5n2's BMC redfish://" + bmc.address() + ": its TLS certificate is not "
            + "trusted ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("set redfish.ca-file to the CA that signed it (or, for a lab, "
            + "redfish.insecure=true)"), e.getMessage());
        RedfishDriver lab = new RedfishDriver(RedfishTls.context(null, true), Duration.ofSeconds(5));
        assertEquals(PowerState.ON, lab.status(target(bmc.address())));
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        try (RedfishMockup other = RedfishMockup.start(dir.resolve("other"), "DNS:bmc-r5n3.mgmt.example")) {
            RedfishDriver d = new RedfishDriver(RedfishTls.context(other.caCertificate(), false), Duration.ofSeconds(5));
            BmcException e = assertThrows(BmcException.class, () -> d.status(target(other.address())));
            assertEquals(PowerFailure.TLS, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1"), "the name check failed, not the chain: " + e.getMessage());
        }
    }

    @Test
    void aPortNobodyListensOnIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        BmcException e = assertThrows(BmcException.class, () -> driver.status(target("127.0.0.1:" + closed)));
        assertEquals(PowerFailure.UNREACHABLE, e.reason(), e.getMessage());
    }
}
