package io.pxeflow.controller.domain;

import io.pxeflow.protocol.message.NodeBootConfig;
import io.pxeflow.protocol.message.NodeState;
import java.time.Instant;

/** Builds the full boot config record generators render for a node's current state. */
public final class BootConfigs {
    private BootConfigs() {
    }

    public static NodeBootConfig of(NodeState s, Instant now) {
        return new NodeBootConfig(s.spec().name(), s.spec().index(), s.spec().macs(), s.spec().ip(), s.spec().sequence(),
            s.stage(), s.spec().effectiveClass(), s.wipe(), Math.max(1, s.generation()), now);
    }
}
