package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import java.time.Instant;

/**
 * One thing a DHCP server did for a client. Keyed by MAC on {@code dhcp}: the bridge does not
 * know node names. {@code arch} is the RFC 4578 client architecture (0 BIOS, 7 EFI x86-64, ...).
 */
public record DhcpEvent(
        DhcpMessageType type,
        MacAddress mac,
        Ipv4Address ip,
        String hostname,
        String vendorClass,
        String userClass,
        Integer arch,
        String iface,
        String server,
        Instant time) implements Versioned {

    public DhcpEvent {
        if (type == null) {
            throw new InvalidFieldException("type", "missing");
        }
        if (mac == null) {
            throw new InvalidFieldException("mac", "missing");
        }
        if (time == null) {
            throw new InvalidFieldException("time", "missing");
        }
        Fields.text("hostname", hostname, 255);
        Fields.text("vendorClass", vendorClass, 255);
        Fields.text("userClass", userClass, 255);
        Fields.text("iface", iface, 64);
        Fields.text("server", server, 255);
    }

    /** True for a PXE ROM or iPXE asking (vendor class {@code PXEClient...}). */
    public boolean isPxeClient() {
        return vendorClass != null && vendorClass.startsWith("PXEClient");
    }

    /** Parses the architecture out of {@code PXEClient:Arch:00007:UNDI:003016}; null if absent. */
    public static Integer archFromVendorClass(String vendorClass) {
        if (vendorClass == null) {
            return null;
        }
        String[] parts = vendorClass.split(":");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equals("Arch") && parts[i + 1].matches("[0-9]{1,5}")) {
                return Integer.parseInt(parts[i + 1]);
            }
        }
        return null;
    }
}
