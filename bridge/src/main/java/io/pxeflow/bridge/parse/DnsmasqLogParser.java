package io.pxeflow.bridge.parse;

import io.pxeflow.bridge.path.TftpPathResolver;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.PxeOutcome;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dnsmasq's log ({@code log-dhcp}, to syslog or {@code log-facility=FILE}). With
 * {@code log-dhcp} one exchange is spread over several lines that share a transaction id:
 * {@code vendor class:}, {@code user class:} and {@code client provides name:} come
 * <em>before</em> the {@code DHCPDISCOVER(eth0) MAC} line they belong to, so those details are
 * remembered per xid (a small LRU window) and attached to every DHCP line with that xid.
 */
public final class DnsmasqLogParser implements LineParser {
    private static final Pattern PROGRAMS = Pattern.compile("dnsmasq(?:-dhcp|-tftp)?");
    private static final Pattern XID = Pattern.compile("^(\\d+) (.*)$");
    private static final Pattern DHCP = Pattern.compile("^(DHCP[A-Z]+)\\(([^)]*)\\) (.*)$");
    private static final Pattern SENT = Pattern.compile("^sent (.+) to (\\S+)$");
    private static final Pattern NOT_FOUND = Pattern.compile("^file (.+) not found(?: for (\\S+))?$");
    private static final Pattern FAILED = Pattern.compile("^failed sending (.+) to (\\S+)$");
    /** Exchanges remembered; PXE ROMs finish DISCOVER..ACK within seconds, 1024 is plenty. */
    static final int WINDOW = 1024;

    private final String server;
    private final TftpPathResolver resolver;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, Exchange> exchanges = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Exchange> eldest) {
            return size() > WINDOW;
        }
    };

    /** What the detail lines of one transaction said. */
    private static final class Exchange {
        String vendorClass;
        String userClass;
        String suppliedName;
    }

    public DnsmasqLogParser(String server, TftpPathResolver resolver, Clock clock, ZoneId zone) {
        this.server = server;
        this.resolver = resolver;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public String source() {
        return "dnsmasq";
    }

    @Override
    public ParseResult parse(String raw) {
        SyslogLine.Split split = SyslogLine.split(raw, PROGRAMS, clock, zone);
        if (split instanceof SyslogLine.OtherProgram other) {
            return ParseResult.ignored("program " + other.program());
        }
        SyslogLine line = ((SyslogLine.Ours) split).line();
        String msg = line.message().stripTrailing();
        if ("dnsmasq-tftp".equals(line.program()) || msg.startsWith("sent ") || msg.startsWith("file ")
                || msg.startsWith("failed sending ")) {
            ParseResult tftp = tftp(raw, line, msg);
            if (tftp != null) {
                return tftp;
            }
        }
        String xid = null;
        Matcher x = XID.matcher(msg);
        if (x.matches()) {
            xid = x.group(1);
            msg = x.group(2);
        }
        if (xid != null) {
            Exchange ex = exchanges.computeIfAbsent(xid, k -> new Exchange());
            if (msg.startsWith("vendor class: ")) {
                ex.vendorClass = msg.substring("vendor class: ".length());
                return ParseResult.ignored("vendor class");
            }
            if (msg.startsWith("user class: ")) {
                ex.userClass = msg.substring("user class: ".length());
                return ParseResult.ignored("user class");
            }
            if (msg.startsWith("client provides name: ")) {
                ex.suppliedName = msg.substring("client provides name: ".length());
                return ParseResult.ignored("client name");
            }
        }
        Matcher d = DHCP.matcher(msg);
        if (d.matches()) {
            return dhcp(raw, line, xid == null ? null : exchanges.get(xid), d.group(1), d.group(2), d.group(3));
        }
        if (msg.startsWith("DHCP") && msg.length() > 4 && Character.isUpperCase(msg.charAt(4)) && !msg.startsWith("DHCP,")) {
            return ParseResult.unparseable("dnsmasq-dhcp", raw);
        }
        return ParseResult.ignored("not an event");
    }

    private ParseResult dhcp(String raw, SyslogLine line, Exchange ex, String typeText, String iface, String rest) {
        DhcpMessageType type = switch (typeText) {
            case "DHCPDISCOVER" -> DhcpMessageType.DISCOVER;
            case "DHCPOFFER" -> DhcpMessageType.OFFER;
            case "DHCPREQUEST" -> DhcpMessageType.REQUEST;
            case "DHCPACK" -> DhcpMessageType.ACK;
            case "DHCPNAK" -> DhcpMessageType.NAK;
            case "DHCPRELEASE" -> DhcpMessageType.RELEASE;
            case "DHCPDECLINE" -> DhcpMessageType.DECLINE;
            case "DHCPINFORM" -> DhcpMessageType.INFORM;
            default -> null;
        };
        if (type == null) {
            // DHCPv6 (DHCPSOLICIT, ...) and BOOTP: not what pxeflow tracks.
            return ParseResult.ignored(typeText);
        }
        // dnsmasq's log_packet: "[IP ]HWADDR[ note-or-name]".
        String[] tokens = rest.strip().split("\\s+");
        int i = 0;
        Ipv4Address ip = Values.ip(tokens[0]);
        if (ip != null) {
            i++;
        }
        MacAddress mac = i < tokens.length ? Values.mac(tokens[i]) : null;
        if (mac == null) {
            return ParseResult.unparseable("dnsmasq-" + type.code() + "-hwaddr", raw);
        }
        String after = i + 1 < tokens.length ? tokens[i + 1] : null;
        String name = type == DhcpMessageType.ACK || type == DhcpMessageType.OFFER ? Values.hostname(after) : null;
        if (name == null && ex != null) {
            name = ex.suppliedName;
        }
        return Events.dhcp("dnsmasq-" + type.code(), raw, type, mac, ip, name,
            ex == null ? null : ex.vendorClass, ex == null ? null : ex.userClass, iface, server, line.time());
    }

    private ParseResult tftp(String raw, SyslogLine line, String msg) {
        Matcher m;
        if ((m = SENT.matcher(msg)).matches()) {
            return Events.tftp("dnsmasq-tftp-sent", raw, resolver, PxeOutcome.SENT, Values.ip(m.group(2)), m.group(1),
                null, server, line.time());
        }
        if ((m = NOT_FOUND.matcher(msg)).matches()) {
            if (m.group(2) == null) {
                // dnsmasq before 2.90 did not say who asked; the path alone may still name the node.
                return Events.tftp("dnsmasq-tftp-not-found", raw, resolver, PxeOutcome.NOT_FOUND, null, m.group(1),
                    null, server, line.time());
            }
            return Events.tftp("dnsmasq-tftp-not-found", raw, resolver, PxeOutcome.NOT_FOUND, Values.ip(m.group(2)),
                m.group(1), null, server, line.time());
        }
        if ((m = FAILED.matcher(msg)).matches()) {
            return Events.tftp("dnsmasq-tftp-failed", raw, resolver, PxeOutcome.FAILED, Values.ip(m.group(2)),
                m.group(1), null, server, line.time());
        }
        return null;
    }
}
