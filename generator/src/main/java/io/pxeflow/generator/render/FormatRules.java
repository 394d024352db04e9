package io.pxeflow.generator.render;

import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.util.Optional;

/**
 * What each output format can carry. The protocol already refuses control characters and
 * restricts names and paths; this adds the characters a particular format would read as syntax:
 * a quote ends a dhcpd string, {@code ;} and {@code $} are GRUB shell, {@code ${..}} is an iPXE
 * setting, a comma separates pxelinux initrds. A record that fails is refused as a whole, so a
 * node never ends up half-rendered.
 */
public final class FormatRules {
    /** Characters GRUB's shell-like parser and iPXE's script parser treat as syntax. */
    private static final String SCRIPT_SYNTAX = "\"'\\$;|&<>{}#`";
    /** Characters that would break out of a dhcpd/Kea string, a dhcpd statement or a dnsmasq field. */
    private static final String CONFIG_SYNTAX = "\"'\\;{}#, \t";

    private final GeneratorSettings settings;

    public FormatRules(GeneratorSettings settings) {
        this.settings = settings;
    }

    /** Why {@code record} cannot be written into the enabled outputs, or empty when it can. */
    public Optional<String> refusal(ConfigRecord record) {
        if (record instanceof NodeBootConfig n) {
            return refusal(n);
        }
        HostReservation h = (HostReservation) record;
        for (String name : h.names()) {
            Optional<String> r = carries("host name", name, CONFIG_SYNTAX, "dhcpd, dnsmasq and hosts files");
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private Optional<String> refusal(NodeBootConfig n) {
        if (n.ip() == null) {
            return Optional.of("node " + n.node() + " has no IP address; every output needs one");
        }
        Optional<String> r = carries("node name", n.node(), CONFIG_SYNTAX, "dhcpd, dnsmasq and hosts files");
        if (r.isPresent()) {
            return r;
        }
        ClassSpec c = n.bootClass();
        for (String[] field : new String[][] {
            {"kernelimage", c.kernel()}, {"initrdimage", c.initrd()}, {"rootimage", c.rootImage()},
            {"overlay", c.overlay()}}) {
            if (field[1] != null) {
                r = carries(field[0], field[1], SCRIPT_SYNTAX + ", \t", "boot loader configs and exports");
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        if (c.cmdline() != null && (settings.enabled(Output.GRUB) || settings.enabled(Output.IPXE))) {
            r = carries("kernelcommandline", c.cmdline(), SCRIPT_SYNTAX, "GRUB and iPXE scripts");
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> carries(String field, String value, String forbidden, String where) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (forbidden.indexOf(ch) >= 0 || ch < 0x20 || ch == 0x7f) {
                return Optional.of(field + " " + Printable.quote(value) + " holds " + Printable.quote(String.valueOf(ch))
                    + " at position " + i + ", which " + where + " would read as syntax");
            }
        }
        return Optional.empty();
    }
}
