package io.pxeflow.power.bmc;

import io.pxeflow.power.domain.BmcDriver;
import io.pxeflow.power.domain.BmcException;
import io.pxeflow.power.domain.BmcTarget;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerFailure;
import io.pxeflow.protocol.message.PowerState;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IPMI 2.0 over LAN through the system's {@code ipmitool -I lanplus}: what admins already trust
 * and debug with, so a failure here reproduces by hand with the same command line (logged at
 * debug). The password goes through the environment ({@code -E}, {@code IPMI_PASSWORD}), never
 * the command line, where {@code ps} would show it to every user of the head node. {@code -v}
 * makes ipmitool say why a session failed (wrong password vs. no answer).
 */
public final class IpmiToolDriver implements BmcDriver {
    private static final Logger LOG = LoggerFactory.getLogger(IpmiToolDriver.class);
    public static final int DEFAULT_PORT = 623;
    /** ipmitool needs a moment after its own timeout to exit; past this it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final String ipmitool;
    private final String cipherSuite;
    private final Duration timeout;

    /**
     * @param ipmitool    the program (a path, or a name looked up on PATH)
     * @param cipherSuite {@code -C} (3: what ipmi_sim and most BMCs offer; without it ipmitool spends
     *                    seconds discovering one on every call); null for ipmitool's own choice
     * @param timeout     the most one call may take
     */
    public IpmiToolDriver(String ipmitool, String cipherSuite, Duration timeout) {
        this.ipmitool = ipmitool;
        this.cipherSuite = cipherSuite;
        this.timeout = timeout;
    }

    @Override
    public PowerState status(BmcTarget target) throws BmcException {
        String out = run(target, "power", "status");
        String lower = out.toLowerCase(Locale.ROOT);
        if (lower.contains("chassis power is on")) {
            return PowerState.ON;
        }
        if (lower.contains("chassis power is off")) {
            return PowerState.OFF;
        }
        throw new BmcException(PowerFailure.BMC_ERROR, target.describe() + " answered power status with "
            + lastLine(out));
    }

    @Override
    public void power(BmcTarget target, PowerAction action) throws BmcException {
        String verb = switch (action) {
            case ON -> "on";
            case OFF -> "off";
            case CYCLE -> "cycle";
            case RESET -> "reset";
            default -> throw new BmcException(PowerFailure.UNSUPPORTED, "ipmitool has no power " + action.code());
        };
        run(target, "power", verb);
    }

    @Override
    public void pxeOnce(BmcTarget target) throws BmcException {
        // Without options=persistent the IPMI boot flags hold for the next boot only.
        run(target, "chassis", "bootdev", "pxe");
    }

    /** The command line, password-free: what a log line or an admin's shell can repeat. */
    List<String> command(BmcTarget target, String... args) {
        long perTry = Math.max(1, (timeout.toSeconds() + 1) / 2);
        List<String> cmd = new ArrayList<>(List.of(ipmitool, "-v", "-I", "lanplus"));
        if (cipherSuite != null) {
            cmd.addAll(List.of("-C", cipherSuite));
        }
        cmd.addAll(List.of("-H", target.bmc().host(), "-p", Integer.toString(target.bmc().port(DEFAULT_PORT)),
            "-U", target.login().username(), "-E", "-N", Long.toString(perTry), "-R", "1"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private String run(BmcTarget target, String... args) throws BmcException {
        List<String> cmd = command(target, args);
        File out = null;
        Process p;
        try {
            out = Files.createTempFile("pxeflow-ipmitool", ".out").toFile();
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("IPMI_PASSWORD", target.login().password());
            p = pb.start();
        } catch (IOException e) {
            delete(out);
            throw new BmcException(PowerFailure.TOOL_MISSING, "cannot run " + ipmitool + " (" + e.getMessage()
                + "): install it (apt-get install ipmitool) or set ipmitool.path");
        }
        try {
            if (!p.waitFor(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new BmcException(PowerFailure.TIMEOUT, target.describe() + " did not answer within "
                    + timeout.toSeconds() + " s (" + String.join(" ", args) + ")");
            }
            String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            LOG.debug("{}: {} exited {}: {}", target.node(), String.join(" ", cmd), p.exitValue(), text.strip());
            if (p.exitValue() != 0) {
                throw classify(target, text, String.join(" ", args));
            }
            return text;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BmcException(PowerFailure.TIMEOUT, target.describe() + ": interrupted (the worker is stopping)");
        } catch (IOException e) {
            throw new BmcException(PowerFailure.BMC_ERROR, "cannot read ipmitool's output: " + e.getMessage());
        } finally {
            delete(out);
        }
    }

    /** What an ipmitool failure means, from what {@code ipmitool -v} printed. */
    BmcException classify(BmcTarget target, String output, String what) {
        String o = output.toLowerCase(Locale.ROOT);
        String who = target.describe();
        if (o.contains("rakp 2 hmac is invalid") || o.contains("unauthorized name") || o.contains("invalid user name")
                || o.contains("rakp 2 message indicates an error") || o.contains("insufficient privilege")) {
            return new BmcException(PowerFailure.AUTH, who + " refused user " + target.login().username()
                + ": wrong user name or password in credentials " + target.bmc().credentials());
        }
        if (o.contains("address lookup for") || o.contains("name or service not known") || o.contains("unable to resolve")) {
            return new BmcException(PowerFailure.UNREACHABLE, who + ": host " + target.bmc().host() + " not found");
        }
        if (o.contains("get auth capabilities error") || o.contains("no response from remote controller")
                || o.contains("error issuing get channel authentication capabilities")) {
            return new BmcException(PowerFailure.TIMEOUT, who + " did not answer within " + timeout.toSeconds()
                + " s (" + what + ")");
        }
        if (o.contains("invalid command") || o.contains("not supported") || o.contains("invalid data field")) {
            return new BmcException(PowerFailure.UNSUPPORTED, who + " cannot do " + what + ": " + lastLine(output));
        }
        return new BmcException(PowerFailure.BMC_ERROR, who + ": " + what + " failed: " + lastLine(output));
    }

    /** The last line that says something: ipmitool ends with its error, -v puts chatter before it. */
    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "(no output)" : lines[lines.length - 1].strip();
    }

    private static void delete(File f) {
        if (f != null && !f.delete() && f.exists()) {
            LOG.debug("could not delete {}", f);
        }
    }
}
