package io.pxeflow.controller.domain;

import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.ConfigApplied;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.PxeEvent;
import java.time.Instant;

/** Everything that can happen to a node, already keyed to that node. */
public sealed interface NodeInput {
    record Dhcp(DhcpEvent event) implements NodeInput {
    }

    record Pxe(PxeEvent event) implements NodeInput {
    }

    record Beat(Heartbeat heartbeat) implements NodeInput {
    }

    /** The node's own reporter says the install running on it finished. */
    record Installed(InstallReport report) implements NodeInput {
    }

    record Cmd(Command command) implements NodeInput {
    }

    record Applied(ConfigApplied report) implements NodeInput {
    }

    /**
     * The liveness clock. {@code aliveFloor} is the earliest time a heartbeat may be assumed:
     * after a restart the in-memory heartbeat times are gone, so nodes get a fresh grace period
     * instead of all being declared stale at once.
     */
    record Tick(Instant aliveFloor) implements NodeInput {
    }
}
