package io.pxeflow.bridge.parse;

import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpMessageType;
import java.util.Map;

/**
 * A call from Kea's {@code libdhcp_run_script.so}, which passes the hook point as the first
 * argument and the packet and lease as {@code QUERY4_*}, {@code LEASE4_*},
 * {@code LEASES4_AT0_*} variables. Kea runs the script without waiting for it (its
 * {@code sync} parameter is false), so calls can finish out of order; each file carries the
 * time the hook ran.
 */
public final class KeaScriptEvent {
    private final String server;

    public KeaScriptEvent(String server) {
        this.server = server;
    }

    public static boolean handles(String hookPoint) {
        return hookPoint != null && (hookPoint.startsWith("lease4_") || hookPoint.equals("leases4_committed")
            || hookPoint.startsWith("lease6_") || hookPoint.equals("leases6_committed"));
    }

    public ParseResult parse(HookRecord call) {
        String point = call.arg(0);
        Map<String, String> env = call.env();
        String line = point + " " + env.getOrDefault("QUERY4_TYPE", "");
        return switch (point) {
            case "leases4_committed" -> {
                if ("0".equals(env.getOrDefault("LEASES4_SIZE", "0")) || !env.containsKey("LEASES4_AT0_HWADDR")) {
                    yield ParseResult.ignored("no lease committed");
                }
                yield event(call, line, DhcpMessageType.LEASE_ADD, env, "LEASES4_AT0_");
            }
            case "lease4_renew" -> event(call, line, DhcpMessageType.LEASE_OLD, env, "LEASE4_");
            case "lease4_release" -> event(call, line, DhcpMessageType.RELEASE, env, "LEASE4_");
            case "lease4_decline" -> event(call, line, DhcpMessageType.DECLINE, env, "LEASE4_");
            case "lease4_expire" -> event(call, line, DhcpMessageType.LEASE_DEL, env, "LEASE4_");
            case "lease4_recover" -> event(call, line, DhcpMessageType.LEASE_ADD, env, "LEASE4_");
            default -> ParseResult.ignored("kea " + point);
        };
    }

    private ParseResult event(HookRecord call, String line, DhcpMessageType type, Map<String, String> env, String prefix) {
        MacAddress mac = Values.mac(env.getOrDefault(prefix + "HWADDR", env.get("QUERY4_HWADDR")));
        if (mac == null) {
            return ParseResult.unparseable("kea-hook-hwaddr", line);
        }
        return Events.dhcp("kea-hook-" + type.code(), line, type, mac, Values.ip(env.get(prefix + "ADDRESS")),
            env.get(prefix + "HOSTNAME"), null, null, env.get("QUERY4_IFACE_NAME"), server, call.time());
    }
}
