package io.pxeflow.inventory;

import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Network;
import io.pxeflow.protocol.message.Subnet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The networks a file declares: the master's (from {@code interface}, or {@code master} with
 * {@code netmask}) and every {@code subnet} line, merged where they name the same network. A
 * {@code subnet} line for the master's network adds its options to it. Problems go to the draft
 * with the line that caused them; nothing here invents a network the file did not declare.
 */
final class NetworkAssembler {
    private final ConfigDraft d;

    NetworkAssembler(ConfigDraft draft) {
        this.d = draft;
    }

    /** The declared subnets; sets the draft's master from the interface when the file gives none. */
    List<Subnet> assemble() {
        Lined<Ipv4Network> primary = fromInterface();
        primary = fromNetmask(primary);
        List<Lined<Subnet>> out = new ArrayList<>();
        boolean primaryDeclared = false;
        for (ConfigDraft.SubnetDraft s : d.subnets.values()) {
            boolean isPrimary = primary != null && primary.value().equals(s.network);
            primaryDeclared |= isPrimary;
            subnet(s, isPrimary && d.iface != null ? d.iface.value() : null).ifPresent(out::add);
        }
        if (primary != null && !primaryDeclared) {
            try {
                Subnet s = Subnet.of(primary.value());
                out.add(new Lined<>(primary.line(), d.iface != null && primary.line() == d.iface.line()
                    ? s.withIface(d.iface.value()) : s));
            } catch (InvalidFieldException e) {
                d.problem(primary.line(), e.getMessage());
            }
        }
        out.sort(Comparator.comparingInt(Lined::line));
        for (int i = 0; i < out.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (out.get(i).value().network().overlaps(out.get(j).value().network())) {
                    d.problem(out.get(i).line(), "subnet " + out.get(i).value().network() + " overlaps subnet "
                        + out.get(j).value().network() + " (line " + out.get(j).line() + ")");
                }
            }
        }
        return out.stream().map(Lined::value).toList();
    }

    /** ClusterWare's {@code interface}: the network of its address (the master's, when the file names one). */
    private Lined<Ipv4Network> fromInterface() {
        if (d.iface == null) {
            return null;
        }
        String name = d.iface.value();
        int line = d.iface.line();
        Optional<List<HostInterfaces.Address>> found = d.interfaces.addresses(name);
        if (found.isEmpty()) {
            d.problem(line, "interface " + name + ": this host has no interface " + name + ". The interface is read "
                + "where the import is checked (the controller), which must run on the head node for `interface` to "
                + "work; or declare the network instead: `netmask MASK` with `master`, or `subnet NETWORK/PREFIX`");
            return null;
        }
        List<HostInterfaces.Address> addresses = found.get();
        if (addresses.isEmpty()) {
            d.problem(line, "interface " + name + " has no IPv4 address on this host; declare the network with "
                + "`netmask MASK` and `master`, or `subnet NETWORK/PREFIX`");
            return null;
        }
        HostInterfaces.Address chosen = addresses.get(0);
        if (d.master != null) {
            Optional<HostInterfaces.Address> master = addresses.stream()
                .filter(a -> a.address().equals(d.master.value())).findFirst();
            if (master.isEmpty()) {
                d.problem(d.master.line(), "master " + d.master.value() + " is not an address of interface " + name
                    + " (line " + line + "), which has " + addresses.stream().map(Object::toString)
                    .collect(Collectors.joining(", ")));
                return null;
            }
            chosen = master.get();
        } else {
            d.master = new Lined<>(line, chosen.address());
        }
        return new Lined<>(line, chosen.network());
    }

    private Lined<Ipv4Network> fromNetmask(Lined<Ipv4Network> primary) {
        if (d.netmask == null) {
            return primary;
        }
        int line = d.netmask.line();
        if (d.master == null) {
            d.problem(line, "netmask " + d.netmask.value() + ": needs `master`, the head node's address on the network "
                + "it masks");
            return primary;
        }
        Ipv4Network n = Ipv4Network.of(d.master.value(), d.netmask.value());
        if (primary != null && !primary.value().equals(n)) {
            d.problem(line, "netmask " + d.netmask.value() + " puts the master on " + n + ", but interface "
                + d.iface.value() + " (line " + primary.line() + ") is on " + primary.value());
            return primary;
        }
        return primary != null ? primary : new Lined<>(line, n);
    }

    private Optional<Lined<Subnet>> subnet(ConfigDraft.SubnetDraft s, String iface) {
        Map<SubnetKey, Lined<String>> v = s.values;
        Ipv4Address router = ip(v.get(SubnetKey.ROUTER));
        if (router != null && !Subnet.usable(s.network, router)) {
            d.problem(v.get(SubnetKey.ROUTER).line(), "subnet " + s.network + ": router " + router + " is not a host address of "
                + s.network);
            return Optional.empty();
        }
        try {
            Lined<String> dns = v.get(SubnetKey.DNS);
            return Optional.of(new Lined<>(s.line, new Subnet(s.network, router, ip(v.get(SubnetKey.NEXT_SERVER)),
                dns == null ? List.of() : SubnetKey.dns(dns.value()), value(v.get(SubnetKey.DOMAIN)),
                value(v.get(SubnetKey.IPXE)), iface)));
        } catch (InvalidFieldException e) {
            d.problem(s.line, "subnet " + s.network + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Ipv4Address ip(Lined<String> v) {
        return v == null ? null : Ipv4Address.parse(v.value());
    }

    private static String value(Lined<String> v) {
        return v == null ? null : v.value();
    }
}
