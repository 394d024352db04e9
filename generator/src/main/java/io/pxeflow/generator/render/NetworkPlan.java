package io.pxeflow.generator.render;

import io.pxeflow.inventory.HostInterfaces;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Network;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The networks the generated DHCP files serve: the inventory's subnets, with the generator
 * settings that override them applied, each with everything its clients are told (router,
 * next-server, DNS, domain, the URL iPXE chains to). Built for every inventory the generator
 * reads; a setting or head-node interface that contradicts the inventory is a
 * {@link NetworkContradiction}, never a silently different network.
 *
 * @param subnets the served networks, in address order
 * @param head    the head node's address (setting {@code head.address}, else the inventory's master), or null
 * @param notes   what the plan had to assume (an interface this host lacks), for the log
 */
public record NetworkPlan(List<Served> subnets, Ipv4Address head, List<String> notes) {

    /** One network as the DHCP files describe it. */
    public record Served(Ipv4Network network, Ipv4Address router, Ipv4Address nextServer, List<Ipv4Address> dns,
                         String domain, String ipxeUrl, String iface) {
        public Served {
            dns = List.copyOf(dns);
        }

        public boolean contains(Ipv4Address a) {
            return network.contains(a);
        }
    }

    public NetworkPlan {
        subnets = List.copyOf(subnets);
        notes = List.copyOf(notes);
    }

    /** A plan serving no network: nothing in the DHCP files but their headers. */
    public static NetworkPlan none() {
        return new NetworkPlan(List.of(), null, List.of());
    }

    public boolean isEmpty() {
        return subnets.isEmpty();
    }

    public Optional<Served> subnetOf(Ipv4Address a) {
        if (a == null) {
            return Optional.empty();
        }
        for (Served s : subnets) {
            if (s.contains(a)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The networks, for messages: {@code 10.78.0.0/24, 172.20.4.0/22}. */
    public String describe() {
        return subnets.isEmpty() ? "none" : subnets.stream().map(s -> s.network().toString()).collect(Collectors.joining(", "));
    }

    /**
     * The plan for {@code inventory} under {@code settings}, reading interface-derived networks
     * again from {@code interfaces} (this host's).
     *
     * @throws NetworkContradiction when a setting or this host's interface contradicts the inventory
     */
    public static NetworkPlan of(ClusterInventory inventory, GeneratorSettings settings, HostInterfaces interfaces) {
        List<String> notes = new ArrayList<>();
        List<Subnet> declared = new ArrayList<>(inventory.subnets());
        if (declared.isEmpty()) {
            if (settings.subnet() == null) {
                return new NetworkPlan(List.of(), settings.headAddress() != null ? settings.headAddress()
                    : inventory.master(), List.of());
            }
            // An inventory written before subnets existed: the settings' network, as before.
            declared.add(new Subnet(settings.subnet(), null, null, List.of(), null, null, null));
            notes.add("the inventory declares no subnet; serving network.subnet " + settings.subnet() + " from the settings");
        } else {
            checkSettingsAgainst(declared, settings);
        }
        for (Subnet s : declared) {
            if (s.iface() != null) {
                checkInterface(s, interfaces, notes);
            }
        }
        Ipv4Address head = settings.headAddress() != null ? settings.headAddress() : inventory.master();
        if (head != null && declared.stream().noneMatch(s -> s.contains(head))) {
            throw new NetworkContradiction("head.address " + head + " lies in no subnet of the inventory ("
                + networks(declared) + ")");
        }
        List<Served> served = new ArrayList<>();
        for (Subnet s : declared) {
            served.add(served(s, settings, head));
        }
        return new NetworkPlan(served, head, notes);
    }

    private static void checkSettingsAgainst(List<Subnet> declared, GeneratorSettings settings) {
        if (settings.subnet() != null && declared.stream().noneMatch(s -> s.network().equals(settings.subnet()))) {
            throw new NetworkContradiction("network.subnet/network.netmask " + settings.subnet() + " (a generator "
                + "setting) is not a subnet of the inventory (" + networks(declared) + "); remove the setting: the "
                + "inventory declares the network");
        }
        if (settings.headAddress() != null && declared.stream().noneMatch(s -> Subnet.usable(s.network(), settings.headAddress()))) {
            throw new NetworkContradiction("head.address " + settings.headAddress() + " (a generator setting) lies in no "
                + "subnet of the inventory (" + networks(declared) + "); remove it, or set the head node's address on "
                + "the cluster's network");
        }
        if (settings.router() != null && declared.stream().noneMatch(s -> Subnet.usable(s.network(), settings.router()))) {
            throw new NetworkContradiction("network.router " + settings.router() + " (a generator setting) lies in no "
                + "subnet of the inventory (" + networks(declared) + "), so it could be no client's router");
        }
    }

    /** The head node's interface must still be on the network the import read from it. */
    private static void checkInterface(Subnet s, HostInterfaces interfaces, List<String> notes) {
        Optional<List<HostInterfaces.Address>> found = interfaces.addresses(s.iface());
        if (found.isEmpty()) {
            notes.add("interface " + s.iface() + " is not on this host; serving " + s.network()
                + ", which the import read from it on the head node");
            return;
        }
        if (found.get().stream().noneMatch(a -> a.network().equals(s.network()))) {
            throw new NetworkContradiction("interface " + s.iface() + " on this host is on "
                + (found.get().isEmpty() ? "no IPv4 network" : found.get().stream().map(a -> a.network().toString())
                    .collect(Collectors.joining(", ")))
                + ", but the inventory's network " + s.network() + " was read from it when the cluster was imported; "
                + "import the cluster file again (ctl import) so the network is read again");
        }
    }

    private static Served served(Subnet s, GeneratorSettings settings, Ipv4Address head) {
        Ipv4Address router = settings.router() != null && s.contains(settings.router()) ? settings.router() : s.router();
        Ipv4Address next = settings.nextServer() != null ? settings.nextServer()
            : s.nextServer() != null ? s.nextServer() : head;
        if (next == null) {
            throw new NetworkContradiction("subnet " + s.network() + " has no next-server for its PXE clients: declare "
                + "master or `next-server` in the inventory, or set tftp.server");
        }
        List<Ipv4Address> dns = settings.dns().isEmpty() ? s.dns() : settings.dns();
        String domain = settings.domain() != null ? settings.domain() : s.domain();
        String ipxe = settings.ipxeChainUrl() != null ? settings.ipxeChainUrl() : s.ipxeUrl(settings.ipxePort());
        if (ipxe == null) {
            String host = settings.ipxeHost() != null ? settings.ipxeHost() : head != null ? head.toString() : "${next-server}";
            ipxe = "http://" + host + ":" + settings.ipxePort() + Subnet.IPXE_PATH;
        }
        return new Served(s.network(), router, next, dns, domain, ipxe, s.iface());
    }

    private static String networks(List<Subnet> subnets) {
        return subnets.stream().map(s -> s.network().toString()).collect(Collectors.joining(", "));
    }
}
