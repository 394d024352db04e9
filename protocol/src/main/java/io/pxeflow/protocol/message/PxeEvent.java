package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import java.time.Instant;

/**
 * A boot file served (or not) to a client over TFTP or HTTP, or a script answered by the live
 * iPXE endpoint. The MAC is known when the path names it (pxelinux.cfg/01-MAC) or the endpoint
 * was asked with it; otherwise the client IP identifies the node.
 */
public record PxeEvent(
        PxeTransport transport,
        PxeOutcome outcome,
        MacAddress mac,
        Ipv4Address clientIp,
        String path,
        Long size,
        String server,
        Instant time) implements Versioned {

    public PxeEvent {
        if (transport == null) {
            throw new InvalidFieldException("transport", "missing");
        }
        if (outcome == null) {
            outcome = PxeOutcome.SENT;
        }
        if (mac == null && clientIp == null) {
            throw new InvalidFieldException("mac", "a PXE event needs a MAC or a client IP");
        }
        if (time == null) {
            throw new InvalidFieldException("time", "missing");
        }
        Fields.text("path", path, 1024);
        Fields.text("server", server, 255);
    }
}
