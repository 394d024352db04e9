package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.NodeInput;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import java.util.function.Function;

/**
 * The node processor's inputs, as the sequencer holds them. Heartbeats are not durable by kind:
 * writing every one to a changelog would cost more than everything else a heartbeat does, so the
 * sequencer keeps only those that can change a node's state (the first of a boot).
 */
enum InputKind {
    COMMAND('c', true, b -> wrap(Codec.COMMAND.decode(b), NodeInput.Cmd::new)),
    HEARTBEAT('h', false, b -> wrap(Codec.HEARTBEAT.decode(b), NodeInput.Beat::new)),
    STATUS('s', true, b -> wrap(Codec.CONFIG_APPLIED.decode(b), NodeInput.Applied::new)),
    DHCP('d', true, b -> wrap(Codec.DHCP.decode(b), NodeInput.Dhcp::new)),
    PXE('p', true, b -> wrap(Codec.PXE.decode(b), NodeInput.Pxe::new));

    private final char code;
    private final boolean durable;
    private final Function<byte[], NodeInput> decoder;

    InputKind(char code, boolean durable, Function<byte[], NodeInput> decoder) {
        this.code = code;
        this.durable = durable;
        this.decoder = decoder;
    }

    char code() {
        return code;
    }

    boolean durable() {
        return durable;
    }

    /** Decodes a held input again after a restart; it was valid when it was held, so null means a changed codec. */
    NodeInput decode(byte[] raw) {
        return decoder.apply(raw);
    }

    static InputKind of(char code) {
        for (InputKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }

    private static <T> NodeInput wrap(Decoded<T> d, Function<T, NodeInput> wrap) {
        return d instanceof Decoded.Ok<T> ok ? wrap.apply(ok.value()) : null;
    }
}
