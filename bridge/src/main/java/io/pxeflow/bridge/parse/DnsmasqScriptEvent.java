package io.pxeflow.bridge.parse;

import io.pxeflow.bridge.path.TftpPathResolver;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.PxeOutcome;
import java.util.Set;

/**
 * A dnsmasq {@code dhcp-script} call: {@code add|old|del MAC IP [hostname]} with the
 * {@code DNSMASQ_*} variables, or {@code tftp SIZE CLIENT_IP PATH} after every completed TFTP
 * transfer (the one place dnsmasq reports a transfer as finished, with its size).
 */
public final class DnsmasqScriptEvent {
    private static final Set<String> OTHER_ACTIONS = Set.of("init", "arp", "arp-add", "arp-del", "arp-old", "relay-snoop");

    private final String server;
    private final TftpPathResolver resolver;

    public DnsmasqScriptEvent(String server, TftpPathResolver resolver) {
        this.server = server;
        this.resolver = resolver;
    }

    public static boolean handles(String action) {
        return action != null && (action.equals("add") || action.equals("old") || action.equals("del")
            || action.equals("tftp") || OTHER_ACTIONS.contains(action));
    }

    public ParseResult parse(HookRecord call) {
        String action = call.arg(0);
        String line = String.join(" ", call.args());
        if ("tftp".equals(action)) {
            if (call.args().size() < 4 || !call.arg(1).matches("\\d{1,18}")) {
                return ParseResult.unparseable("dnsmasq-hook-tftp", line);
            }
            return Events.tftp("dnsmasq-hook-tftp", line, resolver, PxeOutcome.SENT, Values.ip(call.arg(2)),
                call.arg(3), Long.parseLong(call.arg(1)), server, call.time());
        }
        DhcpMessageType type = switch (action == null ? "" : action) {
            case "add" -> DhcpMessageType.LEASE_ADD;
            case "old" -> DhcpMessageType.LEASE_OLD;
            case "del" -> DhcpMessageType.LEASE_DEL;
            default -> null;
        };
        if (type == null) {
            return OTHER_ACTIONS.contains(action) ? ParseResult.ignored("dnsmasq " + action)
                : ParseResult.unparseable("dnsmasq-hook-action", line);
        }
        if ("1".equals(call.env().get("DNSMASQ_DATA_MISSING"))) {
            // dnsmasq replays its lease file through the script when it starts: no client spoke,
            // so this is not evidence that the node is alive or booting.
            return ParseResult.ignored("dnsmasq restart replay");
        }
        MacAddress mac = Values.mac(call.arg(1));
        if (mac == null) {
            // InfiniBand or other non-Ethernet hardware addresses; pxeflow keys nodes by MAC.
            return ParseResult.unparseable("dnsmasq-hook-hwaddr", line);
        }
        String hostname = call.arg(3) != null ? call.arg(3) : call.env().get("DNSMASQ_SUPPLIED_HOSTNAME");
        return Events.dhcp("dnsmasq-hook-" + action, line, type, mac, Values.ip(call.arg(2)), hostname,
            call.env().get("DNSMASQ_VENDOR_CLASS"), call.env().get("DNSMASQ_USER_CLASS0"),
            call.env().get("DNSMASQ_INTERFACE"), server, call.time());
    }
}
