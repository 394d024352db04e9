package io.pxeflow.inventory;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Network;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IPv4 addresses of this host's network interfaces, by name: what ClusterWare's
 * {@code interface eth1} means. Read where an import is checked (the controller) and again where
 * files are generated (the generator), both on the head node.
 */
@FunctionalInterface
public interface HostInterfaces {
    /** One IPv4 address of an interface with its prefix length ({@code 10.78.0.1/24}). */
    record Address(Ipv4Address address, int prefix) {
        public Ipv4Network network() {
            return Ipv4Network.containing(address, prefix);
        }

        @Override
        public String toString() {
            return address + "/" + prefix;
        }
    }

    /** The interface's IPv4 addresses (possibly none), or empty when this host has no such interface. */
    Optional<List<Address>> addresses(String name);

    /** A host with no interfaces at all: every {@code interface} directive names a missing one. */
    HostInterfaces NONE = name -> Optional.empty();

    /** This machine's interfaces, as the kernel reports them now. */
    static HostInterfaces system() {
        return name -> {
            try {
                NetworkInterface ni = NetworkInterface.getByName(name);
                if (ni == null) {
                    return Optional.empty();
                }
                List<Address> out = new ArrayList<>();
                for (InterfaceAddress a : ni.getInterfaceAddresses()) {
                    if (a.getAddress() instanceof Inet4Address v4) {
                        out.add(new Address(Ipv4Address.parse(v4.getHostAddress()), a.getNetworkPrefixLength()));
                    }
                }
                return Optional.of(List.copyOf(out));
            } catch (SocketException e) {
                return Optional.empty();
            }
        };
    }

    /** Fixed interfaces, for tests and for describing a head node in code. */
    static HostInterfaces of(Map<String, List<Address>> interfaces) {
        Map<String, List<Address>> copy = Map.copyOf(interfaces);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
