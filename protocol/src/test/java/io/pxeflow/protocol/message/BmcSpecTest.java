package io.pxeflow.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.MacAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BmcSpecTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"10.55.0.15", "10.55.0.15:623", "bmc15", "bmc15.rack2.example.org:8443", "192.0.2.1:1"})
    void addressesAHeadNodeCanReach(String address) {
        assertEquals(address, new BmcSpec(address, BmcProtocol.IPMI, "rack1").address());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.55.0.15:0", "10.55.0.15:70000", "bmc_15", "host:port", "-bmc", "10.55.0.15:", ":623",
        "a b", "http://10.55.0.15", "bmc15;reboot"})
    void anythingElseIsRefusedNamingTheField(String address) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new BmcSpec(address, null, null));
        assertEquals("bmc.address", e.field());
    }

    @Test
    void credentialsAreANameNeverAPath() {
        assertEquals("bmc.credentials",
            assertThrows(InvalidFieldException.class, () -> new BmcSpec(null, null, "../../etc/shadow")).field());
        assertEquals("bmc.credentials",
            assertThrows(InvalidFieldException.class, () -> new BmcSpec(null, null, "/etc/pxeflow/bmc/x")).field());
        assertEquals("bmc.protocol",
            assertThrows(InvalidFieldException.class, () -> new BmcSpec("bmc1", BmcProtocol.UNKNOWN, null)).field());
    }

    @Test
    void theNodesOwnSettingsWinOverItsClassesAndPxeflowsDefaultsFillTheRest() {
        ClassSpec redfishRack = new ClassSpec("rack2", null, null, null, null, null, null, null,
            new BmcSpec(null, BmcProtocol.REDFISH, "rack2"));
        NodeSpec plain = node(ClassSpec.named("plain"), new BmcSpec("10.55.0.7", null, null));
        assertEquals(new BmcSpec("10.55.0.7", BmcProtocol.IPMI, "default"), plain.effectiveBmc());
        NodeSpec inRack = node(redfishRack, new BmcSpec("10.55.0.7", null, null));
        assertEquals(new BmcSpec("10.55.0.7", BmcProtocol.REDFISH, "rack2"), inRack.effectiveBmc());
        NodeSpec own = node(redfishRack, new BmcSpec("10.55.0.7:623", BmcProtocol.IPMI, "special"));
        assertEquals(new BmcSpec("10.55.0.7:623", BmcProtocol.IPMI, "special"), own.effectiveBmc());
        assertNull(node(redfishRack, null).effectiveBmc(), "a class's defaults alone do not give a node a BMC");
        assertNull(node(redfishRack, new BmcSpec(null, null, null)).bmc(), "an empty BMC is no BMC");
    }

    @Test
    void aClassCannotGiveItsNodesOneAddress() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new ClassSpec("c", null, null, null,
            null, null, null, null, new BmcSpec("10.55.0.1", null, null)));
        assertTrue(e.getMessage().contains("set the address on each node"), e.getMessage());
    }

    @Test
    void hostAndPort() {
        BmcSpec b = new BmcSpec("10.55.0.7:8443", BmcProtocol.REDFISH, "x");
        assertEquals("10.55.0.7", b.host());
        assertEquals(8443, b.port(443));
        assertEquals(623, new BmcSpec("bmc7", BmcProtocol.IPMI, "x").port(623));
        assertEquals("redfish://10.55.0.7:8443 (credentials x)", b.toString());
    }

    @Test
    void aPowerRequestNeedsACompleteBmcAndABootForPxeOnce() {
        BmcSpec bmc = new BmcSpec("10.55.0.7", BmcProtocol.IPMI, "default");
        assertEquals("bmc", assertThrows(InvalidFieldException.class, () -> new PowerRequest("r1", "node7",
            PowerAction.ON, false, new BmcSpec("10.55.0.7", null, null), "api", T, T)).field());
        assertEquals("pxeOnce", assertThrows(InvalidFieldException.class, () -> new PowerRequest("r1", "node7",
            PowerAction.OFF, true, bmc, "api", T, T)).field());
        assertEquals("action", assertThrows(InvalidFieldException.class, () -> new PowerRequest("r1", "node7",
            PowerAction.UNKNOWN, false, bmc, "api", T, T)).field());
        assertEquals("expires", assertThrows(InvalidFieldException.class, () -> new PowerRequest("r1", "node7",
            PowerAction.ON, false, bmc, "api", T, T.minusSeconds(1))).field());
        assertEquals("cycle with PXE once", new PowerRequest("r1", "node7", PowerAction.CYCLE, true, bmc, "api", T,
            T.plusSeconds(60)).describe());
    }

    @Test
    void aFailedResultSaysWhy() {
        assertEquals("reason", assertThrows(InvalidFieldException.class, () -> new PowerResult("r1", "node7",
            PowerAction.ON, false, PowerOutcome.FAILED, null, null, null, "w1", 1, T, T)).field());
        PowerResult failed = new PowerResult("r1", "node7", PowerAction.CYCLE, true, PowerOutcome.FAILED, null,
            PowerFailure.AUTH, "the BMC refused user admin", "w1", 1, T, T);
        assertEquals(PowerState.UNKNOWN, failed.state());
        assertEquals("cycle with PXE once failed (auth): the BMC refused user admin", failed.summary());
        assertEquals("status: power off", new PowerResult("r2", "node7", PowerAction.STATUS, false,
            PowerOutcome.SUCCEEDED, PowerState.OFF, PowerFailure.TIMEOUT, null, "w1", 1, T, T).summary());
    }

    private static NodeSpec node(ClassSpec c, BmcSpec bmc) {
        return new NodeSpec(7, "node7", List.of(MacAddress.of("52:54:00:00:00:07")), null, c, null, BootSequence.PXE, bmc);
    }
}
