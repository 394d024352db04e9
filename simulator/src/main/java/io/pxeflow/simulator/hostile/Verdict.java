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
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.PxeEvent;
import java.util.Optional;

/**
 * Whether pxeflow's own rules refuse a message, judged before it is sent: the same decoders and
 * key rules the controller applies, and for config records the generator's format rules. A drawn
 * message these rules accept is not hostile after all (a valid message, which pxeflow would act
 * on); the torture counts it and does not send it, so every message sent is owed a dead letter.
 */
public final class Verdict {
    private final FormatRules formats;

    public Verdict(FormatRules formats) {
        this.formats = formats;
    }

    /** The reason pxeflow refuses {@code m}, or empty when it would accept it. */
    public Optional<String> refusal(HostileMessage m) {
        byte[] v = m.value();
        String key = m.key();
        switch (m.topic()) {
            case DHCP:
                return check(Codec.DHCP.decode(v), e -> TopicKeys.mismatch(key, TopicKeys.dhcp(e), "MAC"));
            case PXE:
                return check(Codec.PXE.decode(v), e -> TopicKeys.mismatch(key, TopicKeys.pxe(e), "MAC or IP"));
            case HEARTBEATS:
                return check(Codec.HEARTBEAT.decode(v), (Heartbeat h) -> TopicKeys.mismatch(key, h.node(), "node"));
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

    private static <T> Optional<String> check(Decoded<T> d, java.util.function.Function<T, String> rule) {
        if (d instanceof Decoded.Failure<T> f) {
            return Optional.of(f.reason());
        }
        return Optional.ofNullable(rule.apply(((Decoded.Ok<T>) d).value()));
    }
}
