package io.pxeflow.generator.render;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeBootConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The accepted config records at one point in time: nodes by name (natural order) and
 * non-cluster hosts by MAC, and the networks they are served on (from the inventory). Shared
 * files are rendered from a snapshot, so their content depends only on what is in it, never on
 * the order records arrived in.
 */
public final class ClusterSnapshot {
    private static final ClusterSnapshot EMPTY = new ClusterSnapshot(new TreeMap<>(NaturalOrder.INSTANCE), new TreeMap<>(),
        NetworkPlan.none());

    private final SortedMap<String, NodeBootConfig> nodes;
    private final SortedMap<MacAddress, HostReservation> hosts;
    private final NetworkPlan network;

    private ClusterSnapshot(SortedMap<String, NodeBootConfig> nodes, SortedMap<MacAddress, HostReservation> hosts,
                            NetworkPlan network) {
        this.nodes = Collections.unmodifiableSortedMap(nodes);
        this.hosts = Collections.unmodifiableSortedMap(hosts);
        this.network = network;
    }

    public static ClusterSnapshot empty() {
        return EMPTY;
    }

    /** A snapshot of {@code records}; conflicting records are a programming error here. */
    public static ClusterSnapshot of(Collection<? extends ConfigRecord> records) {
        return of(records, NetworkPlan.none());
    }

    /** A snapshot of {@code records} on {@code network}; conflicting records are a programming error here. */
    public static ClusterSnapshot of(Collection<? extends ConfigRecord> records, NetworkPlan network) {
        Builder b = builder();
        b.network(network);
        for (ConfigRecord r : records) {
            b.conflictFor(r).ifPresent(reason -> {
                throw new IllegalArgumentException(reason);
            });
            b.put(r);
        }
        return b.snapshot();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The networks the shared DHCP files serve. */
    public NetworkPlan network() {
        return network;
    }

    public SortedMap<String, NodeBootConfig> nodesByName() {
        return nodes;
    }

    public SortedMap<MacAddress, HostReservation> hostsByMac() {
        return hosts;
    }

    public List<NodeBootConfig> nodes() {
        return new ArrayList<>(nodes.values());
    }

    public List<HostReservation> hosts() {
        return new ArrayList<>(hosts.values());
    }

    public Optional<NodeBootConfig> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    public int size() {
        return nodes.size() + hosts.size();
    }

    /**
     * The mutable side: the worker applies records one by one and takes a snapshot per batch.
     * It also knows who owns each MAC, IP and name, because two records claiming the same MAC
     * would make dhcpd refuse its config and would fight over the same pxelinux file.
     */
    public static final class Builder {
        private final TreeMap<String, NodeBootConfig> nodes = new TreeMap<>(NaturalOrder.INSTANCE);
        private final TreeMap<MacAddress, HostReservation> hosts = new TreeMap<>();
        private final Map<String, ConfigRecord> byKey = new HashMap<>();
        private final Map<MacAddress, String> macOwner = new HashMap<>();
        private final Map<Ipv4Address, String> ipOwner = new HashMap<>();
        private final Map<String, String> nameOwner = new HashMap<>();
        private NetworkPlan network = NetworkPlan.none();

        private Builder() {
        }

        public NetworkPlan network() {
            return network;
        }

        public void network(NetworkPlan plan) {
            this.network = plan;
        }

        public Optional<ConfigRecord> get(String key) {
            return Optional.ofNullable(byKey.get(key));
        }

        public java.util.Set<String> keys() {
            return Collections.unmodifiableSet(byKey.keySet());
        }

        /** Why {@code r} cannot join the cluster as it stands (another key holds one of its MACs, IP or names). */
        public Optional<String> conflictFor(ConfigRecord r) {
            String key = r.key();
            for (MacAddress mac : macs(r)) {
                String owner = macOwner.get(mac);
                if (owner != null && !owner.equals(key)) {
                    return Optional.of("MAC " + mac + " already belongs to " + owner);
                }
            }
            String owner = ipOwner.get(ip(r));
            if (owner != null && !owner.equals(key)) {
                return Optional.of("IP " + ip(r) + " already belongs to " + owner);
            }
            for (String name : names(r)) {
                String n = nameOwner.get(name);
                if (n != null && !n.equals(key)) {
                    return Optional.of("name " + name + " already belongs to " + n);
                }
            }
            return Optional.empty();
        }

        public void put(ConfigRecord r) {
            remove(r.key());
            byKey.put(r.key(), r);
            macs(r).forEach(m -> macOwner.put(m, r.key()));
            ipOwner.put(ip(r), r.key());
            names(r).forEach(n -> nameOwner.put(n, r.key()));
            if (r instanceof NodeBootConfig n) {
                nodes.put(n.node(), n);
            } else if (r instanceof HostReservation h) {
                hosts.put(h.mac(), h);
            }
        }

        public Optional<ConfigRecord> remove(String key) {
            ConfigRecord old = byKey.remove(key);
            if (old == null) {
                return Optional.empty();
            }
            macs(old).forEach(m -> macOwner.remove(m, key));
            ipOwner.remove(ip(old), key);
            names(old).forEach(n -> nameOwner.remove(n, key));
            if (old instanceof NodeBootConfig n) {
                nodes.remove(n.node());
            } else if (old instanceof HostReservation h) {
                hosts.remove(h.mac());
            }
            return Optional.of(old);
        }

        public ClusterSnapshot snapshot() {
            return new ClusterSnapshot(new TreeMap<>(nodes), new TreeMap<>(hosts), network);
        }

        private static List<MacAddress> macs(ConfigRecord r) {
            return r instanceof NodeBootConfig n ? n.macs() : List.of(((HostReservation) r).mac());
        }

        private static Ipv4Address ip(ConfigRecord r) {
            return r instanceof NodeBootConfig n ? n.ip() : ((HostReservation) r).ip();
        }

        private static List<String> names(ConfigRecord r) {
            return r instanceof NodeBootConfig n ? List.of(n.node()) : ((HostReservation) r).names();
        }
    }
}
