package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import java.time.Instant;

/** A client that DHCPed or PXE-booted without belonging to any node, kept so it can be adopted. */
public record DiscoveredMac(MacAddress mac, Instant firstSeen, Instant lastSeen, String vendorClass,
                            Integer arch, String iface, Ipv4Address ip, long sightings) implements Versioned {
}
