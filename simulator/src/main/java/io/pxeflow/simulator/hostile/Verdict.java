package io.pxeflow.simulator.hostile;

import io.pxeflow.generator.render.FormatRules;
import io.pxeflow.protocol.TopicKeys;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.ConfigApplied;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.codec.NodeReports;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.NodeReport;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.PxeEvent;
import java.util.Map;
import java.util.Optional;

/**
 * Whether pxeflow's own rules refuse a message, judged before it is sent: the same decoders and
 * key rules the controller applies, and for config records the generator's format rules. A drawn
 * message these rules accept is not hostile after all (a valid message, which pxeflow would act
 * on); the torture counts it and does not send it, so every message sent is owed a dead letter.
 */
public final class Verdict {
    private final FormatRules formats;
    /** The registered nodes: a DHCP or PXE event keyed by one must name one of its clients. */
    private final Map<String, NodeSpec> nodes;

    public Verdict(FormatRules formats, Map<String, NodeSpec> nodes) {
        this.formats = formats;
        this.nodes = Map.copyOf(nodes);
    }

    /** The registered nodes' specs by name. */
    public static Map<String, NodeSpec> nodes(java.util.List<io.pxeflow.simulator.SimNode> fleet) {
        Map<String, NodeSpec> m = new java.util.HashMap<>();
        fleet.forEach(n -> m.put(n.name(), n.spec(io.pxeflow.simulator.Fleet.BOOT_CLASS)));
        return m;
    }

    /** The reason pxeflow refuses {@code m}, or empty when it would accept it. */
    public Optional<String> refusal(HostileMessage m) {
        byte[] v = m.value();
        String key = m.key();
        switch (m.topic()) {
            case DHCP:
                return check(Codec.DHCP.decode(v), (DhcpEvent e) -> {
                    String wrongKey = TopicKeys.dhcpMismatch(key, e);
                    return wrongKey != null ? wrongKey : owner(key, e.mac(), null);
                });
            case PXE:
                return check(Codec.PXE.decode(v), (PxeEvent e) -> {
                    String wrongKey = TopicKeys.pxeMismatch(key, e);
                    return wrongKey != null ? wrongKey : owner(key, e.mac(), e.clientIp());
                });
            case HEARTBEATS:
                return check(NodeReports.DECODER.decode(v), (NodeReport r) -> TopicKeys.mismatch(key, r.node(), "node"));
            case COMMANDS:
                return check(Codec.COMMAND.decode(v), (Command c) -> TopicKeys.mismatch(key, c.node(), "node"));
            case CONFIG_STATUS:
                return check(Codec.CONFIG_APPLIED.decode(v), (ConfigApplied a) -> TopicKeys.mismatch(key, a.node(), "node"));
            case INVENTORY:
                return check(Codec.INVENTORY.decode(v), (ClusterInventory i) -> TopicKeys.mismatch(key, ClusterInventory.KEY,
                    "key"));
            default:
                if (v == null) {
                    return Optional.empty();
                }
                return check(Codec.CONFIG.decode(v), (ConfigRecord r) -> {
                    String mismatch = TopicKeys.mismatch(key == null ? "" : key, r.key(), "key");
                    return mismatch != null ? mismatch : formats.refusal(r).orElse(null);
                });
        }
    }

    /**
     * A node-keyed event must name a client of that node (the controller's node processor refuses
     * it otherwise). A client key, or a node nobody registered, is accepted: it is a discovery.
     */
    private String owner(String key, MacAddress mac, Ipv4Address ip) {
        NodeSpec spec = TopicKeys.isClient(key) ? null : nodes.get(key);
        if (spec == null) {
            return null;
        }
        boolean owns = mac != null ? spec.macs().contains(mac) : ip.equals(spec.ip());
        return owns ? null : "key " + key + " names a node that does not own the record's client";
    }

    private static <T> Optional<String> check(Decoded<T> d, java.util.function.Function<T, String> rule) {
        if (d instanceof Decoded.Failure<T> f) {
            return Optional.of(f.reason());
        }
        return Optional.ofNullable(rule.apply(((Decoded.Ok<T>) d).value()));
    }
}
