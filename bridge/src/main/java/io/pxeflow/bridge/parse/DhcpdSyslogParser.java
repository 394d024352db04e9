package io.pxeflow.bridge.parse;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpMessageType;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISC dhcpd 4.x syslog lines. The client's host name is in parentheses when it sent one;
 * {@code via} names the interface, or the relay agent's address for relayed requests; a
 * trailing {@code : reason} (e.g. "network 10.0.0.0/24: no free leases") is dropped.
 */
public final class DhcpdSyslogParser implements LineParser {
    private static final Pattern PROGRAMS = Pattern.compile("dhcpd");
    private static final String MAC = "([0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5})";
    private static final String IP = "(\\d{1,3}(?:\\.\\d{1,3}){3})";
    private static final String NAME = "(?: \\(([^)]*)\\))?";
    private static final String VIA = " via (\\S+?)(?::.*| \\((?:found|not found)\\).*)?$";

    /** One dhcpd message shape: which groups hold the MAC, IP, name and interface (0 = none). */
    private record Shape(DhcpMessageType type, Pattern pattern, int mac, int ip, int name, int via) {
    }

    private static final List<Shape> SHAPES = List.of(
        new Shape(DhcpMessageType.DISCOVER, Pattern.compile("^DHCPDISCOVER from " + MAC + NAME + VIA), 1, 0, 2, 3),
        new Shape(DhcpMessageType.OFFER, Pattern.compile("^DHCPOFFER on " + IP + " to " + MAC + NAME + VIA), 2, 1, 3, 4),
        new Shape(DhcpMessageType.REQUEST,
            Pattern.compile("^DHCPREQUEST for " + IP + "(?: \\(" + IP + "\\))? from " + MAC + NAME + VIA), 3, 1, 4, 5),
        new Shape(DhcpMessageType.ACK, Pattern.compile("^DHCPACK on " + IP + " to " + MAC + NAME + VIA), 2, 1, 3, 4),
        // The answer to a DHCPINFORM names the client the other way round.
        new Shape(DhcpMessageType.ACK, Pattern.compile("^DHCPACK to " + IP + " \\(" + MAC + "\\)" + VIA), 2, 1, 0, 3),
        new Shape(DhcpMessageType.NAK, Pattern.compile("^DHCPNAK on " + IP + " to " + MAC + NAME + VIA), 2, 1, 3, 4),
        new Shape(DhcpMessageType.RELEASE, Pattern.compile("^DHCPRELEASE of " + IP + " from " + MAC + NAME + VIA), 2, 1, 3, 4),
        new Shape(DhcpMessageType.DECLINE, Pattern.compile("^DHCPDECLINE of " + IP + " from " + MAC + NAME + VIA), 2, 1, 3, 4));
    private static final Pattern INFORM = Pattern.compile("^DHCPINFORM from " + IP + VIA);

    private final String server;
    private final Clock clock;
    private final ZoneId zone;

    public DhcpdSyslogParser(String server, Clock clock, ZoneId zone) {
        this.server = server;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public String source() {
        return "dhcpd";
    }

    @Override
    public ParseResult parse(String raw) {
        SyslogLine.Split split = SyslogLine.split(raw, PROGRAMS, clock, zone);
        if (split instanceof SyslogLine.OtherProgram other) {
            return ParseResult.ignored("program " + other.program());
        }
        SyslogLine line = ((SyslogLine.Ours) split).line();
        String msg = line.message().strip();
        if (!msg.startsWith("DHCP") || msg.length() < 5 || !Character.isUpperCase(msg.charAt(4))) {
            return ParseResult.ignored("not an event");
        }
        for (Shape s : SHAPES) {
            Matcher m = s.pattern().matcher(msg);
            if (m.matches()) {
                MacAddress mac = Values.mac(m.group(s.mac()));
                Ipv4Address ip = s.ip() == 0 ? null : Values.ip(m.group(s.ip()));
                if (mac == null || (s.ip() != 0 && ip == null)) {
                    return ParseResult.unparseable("dhcpd-" + s.type().code() + "-address", raw);
                }
                return Events.dhcp("dhcpd-" + s.type().code(), raw, s.type(), mac, ip,
                    s.name() == 0 ? null : m.group(s.name()), null, null, m.group(s.via()), server, line.time());
            }
        }
        if (INFORM.matcher(msg).matches()) {
            // DHCPINFORM is logged by address only; without a MAC there is nothing to key it by.
            return ParseResult.ignored("inform without MAC");
        }
        String word = msg.split("[\\s(]", 2)[0];
        return ParseResult.unparseable("dhcpd-" + word.toLowerCase(java.util.Locale.ROOT), raw);
    }
}
