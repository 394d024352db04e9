package io.pxeflow.power.bmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pxeflow.power.domain.BmcLogin;
import io.pxeflow.power.domain.BmcTarget;
import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.PowerFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line ipmitool gets and what its failures mean, from output ipmitool 1.8.19 printed against ipmi_sim. */
class IpmiToolDriverTest {
    private static final BmcTarget TARGET = new BmcTarget("r2n7", new BmcSpec("172.21.2.7:6230", BmcProtocol.IPMI, "rack2"),
        new BmcLogin("ADMIN", "s3cr3t-pw"));
    private final IpmiToolDriver driver = new IpmiToolDriver("/usr/bin/ipmitool", "3", Duration.ofSeconds(10));

    @Test
    void thePasswordIsNeverOnTheCommandLine() {
        List<String> cmd = driver.command(TARGET, "power", "cycle");
        assertEquals(List.of("/usr/bin/ipmitool", "-v", "-I", "lanplus", "-C", "3", "-H", "172.21.2.7", "-p", "6230", "-U",
            "ADMIN", "-E", "-N", "5", "-R", "1", "power", "cycle"), cmd);
        assertFalse(String.join(" ", cmd).contains("s3cr3t"));
        assertEquals(List.of("ipmitool", "-v", "-I", "lanplus", "-H", "172.21.2.7", "-p", "6230", "-U", "ADMIN", "-E", "-N",
            "1", "-R", "1", "power", "status"), new IpmiToolDriver("ipmitool", null, Duration.ofSeconds(1))
            .command(TARGET, "power", "status"));
    }

    @Test
    void aWrongPasswordOrUserIsAuth() {
        assertEquals(PowerFailure.AUTH, driver.classify(TARGET, "Loading IANA PEN Registry...\n> RAKP 2 HMAC is invalid\n"
            + "Error: Unable to establish IPMI v2 / RMCP+ session\n", "power status").reason());
        var e = driver.classify(TARGET, "RAKP 2 message indicates an error : unauthorized name\n"
            + "Error: Unable to establish IPMI v2 / RMCP+ session\n", "power status");
        assertEquals(PowerFailure.AUTH, e.reason());
        assertEquals("r2n7's BMC ipmi://172.21.2.7:6230 refused user ADMIN: wrong user name or password in credentials "
            + "rack2", e.getMessage());
    }

    @Test
    void silenceIsATimeoutAndAnUnknownHostIsUnreachable() {
        var e = driver.classify(TARGET, "Loading IANA PEN Registry...\nGet Auth Capabilities error\n"
            + "Error issuing Get Channel Authentication Capabilities request\n"
            + "Error: Unable to establish IPMI v2 / RMCP+ session\n", "power cycle");
        assertEquals(PowerFailure.TIMEOUT, e.reason());
        assertEquals("r2n7's BMC ipmi://172.21.2.7:6230 did not answer within 10 s (power cycle)", e.getMessage());
        assertEquals(PowerFailure.UNREACHABLE, driver.classify(TARGET, "Address lookup for bmc-x failed\n"
            + "Error: Unable to establish IPMI v2 / RMCP+ session\n", "power status").reason());
    }

    @Test
    void aRefusedCommandIsUnsupportedAndAnythingElseABmcError() {
        assertEquals(PowerFailure.UNSUPPORTED, driver.classify(TARGET,
            "Set Chassis Boot Parameter 5 failed: Invalid data field in request\n", "chassis bootdev pxe").reason());
        var e = driver.classify(TARGET, "Chassis Power Control: Cycle failed: Unspecified error\n", "power cycle");
        assertEquals(PowerFailure.BMC_ERROR, e.reason());
        assertEquals("r2n7's BMC ipmi://172.21.2.7:6230: power cycle failed: Chassis Power Control: Cycle failed: "
            + "Unspecified error", e.getMessage());
    }
}
