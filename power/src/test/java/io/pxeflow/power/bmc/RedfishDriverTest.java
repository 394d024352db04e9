package io.pxeflow.power.bmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pxeflow.power.domain.BmcException;
import io.pxeflow.power.domain.BmcLogin;
import io.pxeflow.power.domain.BmcTarget;
import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which reset type each action asks for, given what a BMC allows (its ResetType@Redfish.AllowableValues). */
class RedfishDriverTest {
    private static final BmcTarget T = new BmcTarget("r5n1", new BmcSpec("10.55.5.1", BmcProtocol.REDFISH, "rack5"),
        new BmcLogin("root", "x"));

    @Test
    void aRealPowerCycleWhenTheBmcHasOneElseAForcedRestart() throws Exception {
        assertEquals("PowerCycle", RedfishDriver.resetType(T, PowerAction.CYCLE, List.of("On", "ForceOff", "PowerCycle",
            "ForceRestart")));
        assertEquals("ForceRestart", RedfishDriver.resetType(T, PowerAction.CYCLE, List.of("On", "ForceOff",
            "ForceRestart")));
        assertEquals("ForceOn", RedfishDriver.resetType(T, PowerAction.ON, List.of("ForceOn", "ForceOff")));
        assertEquals("On", RedfishDriver.resetType(T, PowerAction.ON, List.of()), "a BMC that lists none allows any");
    }

    @Test
    void noAllowedTypeIsUnsupportedAndSaysWhatWasAllowed() {
        BmcException e = assertThrows(BmcException.class,
            () -> RedfishDriver.resetType(T, PowerAction.OFF, List.of("On", "GracefulShutdown")));
        assertEquals(PowerFailure.UNSUPPORTED, e.reason());
        assertEquals("r5n1's BMC redfish://10.55.5.1 allows no reset type for off (wanted one of [ForceOff], it allows "
            + "[On, GracefulShutdown])", e.getMessage());
    }
}
