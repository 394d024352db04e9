package io.pxeflow.bridge.parse;

import io.pxeflow.bridge.path.BootFile;
import io.pxeflow.bridge.path.TftpPathResolver;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import java.time.Instant;

/** Builds wire events from parsed fields; a field the protocol refuses makes the line unparseable. */
final class Events {
    private Events() {
    }

    static ParseResult dhcp(String kind, String line, DhcpMessageType type, MacAddress mac, Ipv4Address ip,
                            String hostname, String vendorClass, String userClass, String iface, String server,
                            Instant time) {
        try {
            String vc = Values.text(vendorClass, 255);
            return new ParseResult.Dhcp(new DhcpEvent(type, mac, ip, Values.hostname(hostname), vc,
                Values.text(userClass, 255), DhcpEvent.archFromVendorClass(vc), Values.text(iface, 64), server, time));
        } catch (InvalidFieldException e) {
            return ParseResult.unparseable(kind + "-invalid", line);
        }
    }

    /**
     * A TFTP transfer. The MAC comes from the file name when it names one; the client IP is the
     * one the server saw, else the hex IP in the file name.
     */
    static ParseResult tftp(String kind, String line, TftpPathResolver resolver, PxeOutcome outcome,
                            Ipv4Address clientIp, String rawPath, Long size, String server, Instant time) {
        try {
            BootFile file = rawPath == null ? null : resolver.resolve(rawPath);
            MacAddress mac = file == null ? null : file.mac();
            Ipv4Address ip = clientIp != null ? clientIp : file == null ? null : file.ip();
            if (mac == null && ip == null) {
                return ParseResult.unparseable(kind + "-no-client", line);
            }
            return new ParseResult.Pxe(new PxeEvent(PxeTransport.TFTP, outcome, mac, ip,
                file == null ? null : file.path(), size, server, time));
        } catch (InvalidFieldException e) {
            return ParseResult.unparseable(kind + "-invalid", line);
        }
    }
}
