package io.pxeflow.bridge.parse;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpMessageType;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kea DHCPv4's log (file output, or syslog output where the same text follows the syslog
 * prefix). Kea logs one message id per event at INFO: {@code DHCP4_LEASE_ADVERT} (an offer),
 * {@code DHCP4_LEASE_ALLOC} (an ack), {@code DHCP4_RELEASE}; the client is named as
 * {@code [hwtype=1 52:54:00:12:34:56]}. Kea does not log the interface or vendor class at INFO;
 * the run_script hook ({@link KeaScriptEvent}) carries the interface.
 */
public final class KeaLogParser implements LineParser {
    private static final Pattern LINE = Pattern.compile(
        "^(?:(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+) +)?.*?\\b[A-Z]+ +\\[kea-dhcp4\\.[^\\]]*\\] (DHCP4_[A-Z0-9_]+) (.*)$");
    private static final Pattern HWADDR = Pattern.compile("\\[hwtype=\\d+ ([0-9a-fA-F:]+)\\]");
    private static final Pattern ADVERT = Pattern.compile(": lease (\\S+) will be advertised");
    private static final Pattern ALLOC = Pattern.compile(": lease (\\S+) has been allocated");
    private static final Pattern RELEASE = Pattern.compile(": address (\\S+) was released");
    private static final DateTimeFormatter KEA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final String server;
    private final Clock clock;
    private final ZoneId zone;

    public KeaLogParser(String server, Clock clock, ZoneId zone) {
        this.server = server;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public String source() {
        return "kea";
    }

    @Override
    public ParseResult parse(String raw) {
        Matcher m = LINE.matcher(raw);
        if (!m.matches()) {
            return raw.contains("DHCP4_LEASE") ? ParseResult.unparseable("kea-line", raw) : ParseResult.ignored("not kea");
        }
        Instant time = time(m.group(1));
        String id = m.group(2);
        String text = m.group(3);
        DhcpMessageType type;
        Matcher a;
        switch (id) {
            case "DHCP4_LEASE_ADVERT" -> {
                type = DhcpMessageType.OFFER;
                a = ADVERT.matcher(text);
            }
            case "DHCP4_LEASE_ALLOC" -> {
                type = DhcpMessageType.ACK;
                a = ALLOC.matcher(text);
            }
            case "DHCP4_RELEASE" -> {
                type = DhcpMessageType.RELEASE;
                a = RELEASE.matcher(text);
            }
            default -> {
                return ParseResult.ignored(id);
            }
        }
        Matcher hw = HWADDR.matcher(text);
        MacAddress mac = hw.find() ? Values.mac(hw.group(1)) : null;
        Ipv4Address ip = a.find() ? Values.ip(a.group(1)) : null;
        if (mac == null || ip == null) {
            return ParseResult.unparseable("kea-" + type.code(), raw);
        }
        return Events.dhcp("kea-" + type.code(), raw, type, mac, ip, null, null, null, null, server, time);
    }

    private Instant time(String stamp) {
        if (stamp == null) {
            return clock.instant();
        }
        try {
            String ms = stamp.length() > 23 ? stamp.substring(0, 23) : stamp;
            return LocalDateTime.parse(ms, KEA_TIME).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return clock.instant();
        }
    }
}
