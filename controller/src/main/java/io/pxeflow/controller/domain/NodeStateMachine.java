package io.pxeflow.controller.domain;

import io.pxeflow.protocol.field.BootFiles;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.ConfigApplied;
import io.pxeflow.protocol.message.ConfigOutcome;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import io.pxeflow.protocol.message.StagePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The boot-stage state machine of ClusterWare's boot model, as a pure function
 * {@code (state, input, now) -> transition}. No I/O, no clock of its own, no framework: the
 * runtime feeds it and replays the result.
 */
public final class NodeStateMachine {
    private final ControllerPolicy policy;

    public NodeStateMachine(ControllerPolicy policy) {
        this.policy = policy;
    }

    public ControllerPolicy policy() {
        return policy;
    }

    /** Applies one input to one node; {@code node} is null for a node not (or no longer) in the inventory. */
    public Transition apply(Node node, NodeInput input, Instant now) {
        if (input instanceof NodeInput.Cmd c) {
            return command(node, c.command(), now);
        }
        if (node == null) {
            return Transition.none(null);
        }
        NodeState state = node.durable();
        if (input instanceof NodeInput.Dhcp d) {
            return dhcp(node, d.event(), now);
        }
        if (input instanceof NodeInput.Pxe p) {
            return pxe(node, p.event(), now);
        }
        if (input instanceof NodeInput.Beat b) {
            return heartbeat(node, b.heartbeat(), now);
        }
        if (input instanceof NodeInput.Installed i) {
            return installed(node, i.report(), now);
        }
        if (input instanceof NodeInput.Applied a) {
            return applied(node, a.report(), now);
        }
        return tick(node, state, ((NodeInput.Tick) input).aliveFloor(), now);
    }

    // --- commands -------------------------------------------------------------------------

    private Transition command(Node node, Command command, Instant now) {
        String rid = command.meta().requestId();
        if (node == null) {
            if (command instanceof Command.PutNode put) {
                return add(put, now);
            }
            return rejected(command, "unknown node " + command.node(), now);
        }
        NodeState state = node.durable();
        if (rid.equals(state.lastRequestId())) {
            // A redelivered command (a producer retry, a replayed request) is applied once only.
            return Transition.none(node);
        }
        NodeDraft d = new NodeDraft(node, now, rid);
        if (command instanceof Command.PutNode put) {
            NodeSpec before = d.spec;
            d.spec(put.spec());
            if (!before.equals(put.spec())) {
                d.event(LifecycleKind.NODE_UPDATED, null, null, describeChange(before, put.spec()) + "; by "
                    + command.meta().who());
            }
            if (put.stage() != null) {
                d.stage(put.stage(), "set by " + command.meta().who());
            }
        } else if (command instanceof Command.RemoveNode remove) {
            LifecycleEvent removed = LifecycleEvent.of(state.name(), LifecycleKind.NODE_REMOVED, null, null,
                "removed by " + remove.meta().who(), rid, now);
            return new Transition(null, true, List.of(removed), null, true);
        } else if (command instanceof Command.Reprovision r) {
            d.event(LifecycleKind.REPROVISION, d.stage.code(), BootStage.PXE.code(),
                (r.wipe() ? "with wipe, " : "") + "by " + r.meta().who());
            d.stage(BootStage.PXE, "reprovision");
            if (r.wipe()) {
                requestWipe(d, "with the reprovision");
            }
            // A reprovision starts a new boot: earlier PXE answers no longer count towards a loop,
            // and a wipe flag served before it must be carried again by the install it asks for.
            d.pxeAnswers.clear();
            d.wipeServed = false;
            if (d.status == NodeStatus.BOOT_LOOP) {
                d.status(NodeStatus.REGISTERED, "reprovision clears boot-loop");
            }
        } else if (command instanceof Command.SetStage s) {
            d.stage(s.stage(), "set by " + s.meta().who());
        } else if (command instanceof Command.SetClass s) {
            String from = d.spec.bootClass().name();
            d.spec(d.spec.withClass(s.bootClass()));
            d.event(LifecycleKind.NODE_UPDATED, from, s.bootClass().name(), "class, by " + s.meta().who());
        } else if (command instanceof Command.Wipe w) {
            requestWipe(d, "by " + w.meta().who());
        } else if (command instanceof Command.InstallComplete ic) {
            installComplete(d, "reported by " + ic.meta().who());
        }
        if (!d.hasEvents()) {
            // Every admin call is in the node's history, with who made it, even one that changed nothing.
            d.event(LifecycleKind.COMMAND_APPLIED, null, null, Command.typeName(command) + " by " + command.meta().who()
                + ": nothing to change");
        }
        return d.finish();
    }

    /** The install is over: its wipe is done, and a class that waits for this advances to its disk. */
    private static void installComplete(NodeDraft d, String detail) {
        d.event(LifecycleKind.INSTALL_COMPLETE, null, null, detail);
        d.wipe(false);
        d.installServed = null;
        if (d.stage == BootStage.PXE && d.spec.sequence() != BootSequence.PXE
            && d.spec.effectiveClass().advanceOrDefault() == StagePolicy.ON_INSTALL_COMPLETE) {
            d.stage(BootStage.LOCAL, "install complete");
        }
    }

    private Transition add(Command.PutNode put, Instant now) {
        NodeSpec spec = put.spec();
        BootStage stage = put.stage() != null ? put.stage()
            : spec.sequence() == BootSequence.LOCAL ? BootStage.LOCAL : BootStage.PXE;
        NodeState fresh = NodeState.builder(spec, stage, now).heartbeatSeconds(policy.defaultHeartbeatSeconds()).build();
        NodeDraft d = new NodeDraft(new Node(fresh, null), now, put.meta().requestId());
        d.event(LifecycleKind.NODE_ADDED, null, stage.code(), "added by " + put.meta().who());
        d.publish();
        return d.finish();
    }

    private static void requestWipe(NodeDraft d, String detail) {
        if (!d.wipe) {
            d.event(LifecycleKind.WIPE_REQUESTED, null, null, detail);
        }
        d.wipe(true);
    }

    private static Transition rejected(Command command, String reason, Instant now) {
        LifecycleEvent e = LifecycleEvent.of(command.node(), LifecycleKind.COMMAND_REJECTED, null, null,
            reason + " (" + Command.typeName(command) + " by " + command.meta().who() + ")", command.meta().requestId(), now);
        return new Transition(null, false, List.of(e), null, false);
    }

    private static String describeChange(NodeSpec a, NodeSpec b) {
        StringBuilder sb = new StringBuilder();
        if (a.index() != b.index()) {
            sb.append("index ").append(a.index()).append(" -> ").append(b.index()).append("; ");
        }
        if (!a.macs().equals(b.macs())) {
            sb.append("macs ").append(a.macs()).append(" -> ").append(b.macs()).append("; ");
        }
        if (a.ip() == null ? b.ip() != null : !a.ip().equals(b.ip())) {
            sb.append("ip ").append(a.ip()).append(" -> ").append(b.ip()).append("; ");
        }
        if (!a.effectiveClass().equals(b.effectiveClass())) {
            sb.append("class ").append(a.bootClass().name()).append(" -> ").append(b.bootClass().name()).append("; ");
        }
        if (a.sequence() != b.sequence()) {
            sb.append("sequence ").append(a.sequence().code()).append(" -> ").append(b.sequence().code()).append("; ");
        }
        return sb.length() == 0 ? "unchanged" : sb.substring(0, sb.length() - 2);
    }

    // --- boot progress ----------------------------------------------------------------------

    private Transition dhcp(Node node, DhcpEvent e, Instant now) {
        NodeDraft d = new NodeDraft(node, now, null);
        switch (e.type()) {
            case DISCOVER -> {
                // A DISCOVER is a client starting from scratch: the node is (re)booting.
                if (d.status != NodeStatus.BOOT_LOOP) {
                    d.status(NodeStatus.DHCP, "DHCPDISCOVER");
                }
            }
            case REQUEST, ACK, LEASE_ADD, LEASE_OLD -> {
                // Renewals from a running node are routine; only a node we think is gone moves.
                if (d.status == NodeStatus.REGISTERED || d.status == NodeStatus.DOWN) {
                    d.status(NodeStatus.DHCP, "DHCP " + e.type().code());
                }
            }
            case RELEASE, LEASE_DEL -> d.status(NodeStatus.DOWN, "DHCP " + e.type().code());
            default -> {
                // OFFER, NAK, DECLINE, INFORM and unknown codes say nothing about the node's progress.
            }
        }
        if (e.ip() != null && (e.type() == io.pxeflow.protocol.message.DhcpMessageType.ACK
            || e.type() == io.pxeflow.protocol.message.DhcpMessageType.LEASE_ADD
            || e.type() == io.pxeflow.protocol.message.DhcpMessageType.LEASE_OLD)) {
            d.leasedIp = e.ip();
        }
        return d.finish();
    }

    private Transition pxe(Node node, PxeEvent e, Instant now) {
        if (e.outcome() != PxeOutcome.SENT) {
            return Transition.none(node);
        }
        NodeDraft d = new NodeDraft(node, now, null);
        if (e.transport() == PxeTransport.IPXE_ENDPOINT || BootFiles.isBootConfig(e.path())) {
            answered(d, e);
        } else if (servesImage(d.spec.effectiveClass(), e.path())) {
            if (d.status != NodeStatus.BOOT_LOOP) {
                d.status(NodeStatus.BOOTING, "served " + e.path());
            }
        }
        // Anything else is the firmware fetching its bootloader: the real answer is yet to come.
        return d.finish();
    }

    /** Whether the served file is the class's kernel or initrd: the node is loading what it was told to boot. */
    private static boolean servesImage(ClassSpec c, String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        String base = BootFiles.basename(path);
        return !base.isEmpty() && (base.equals(imageName(c.kernel())) || base.equals(imageName(c.initrd())));
    }

    private static String imageName(String image) {
        return image == null || ClassSpec.NONE.equals(image) ? null : BootFiles.basename(image);
    }

    /** The node's PXE answer was served: the moment a pxe+local node's stage flips. */
    private void answered(NodeDraft d, PxeEvent e) {
        Instant now = d.now();
        d.pxeAnswers.removeIf(t -> Duration.between(t, now).compareTo(policy.bootLoopWindow()) > 0);
        d.pxeAnswers.add(now);
        boolean netboot = servedNetboot(d, e);
        if (netboot && d.wipe) {
            d.wipeServed = true;
        }
        if (netboot) {
            d.installServed = now;
        }
        if (d.pxeAnswers.size() >= policy.bootLoopAnswers()) {
            if (d.status != NodeStatus.BOOT_LOOP) {
                d.event(LifecycleKind.BOOT_LOOP, null, null, d.pxeAnswers.size() + " PXE answers within "
                    + policy.bootLoopWindow().toMinutes() + " min without reaching up");
                d.status(NodeStatus.BOOT_LOOP, "boot-loop");
            }
        } else {
            d.status(netboot ? NodeStatus.NETBOOTING : NodeStatus.BOOTING, "PXE answer served (" + e.path() + ")");
        }
        if (netboot && d.stage == BootStage.PXE && d.spec.sequence() != BootSequence.PXE
            && d.spec.effectiveClass().advanceOrDefault() == StagePolicy.ON_PXE_SERVED) {
            d.stage(BootStage.LOCAL, "PXE answer served: next boot is local");
        }
    }

    /** Whether what was served was the class's kernel (not "boot next"). */
    private static boolean servedNetboot(NodeDraft d, PxeEvent e) {
        if (e.transport() == PxeTransport.IPXE_ENDPOINT) {
            // The endpoint records what it answered: trust that, not the state it may have raced with.
            return BootFiles.IPXE_ANSWER_NETBOOT.equals(e.path());
        }
        // A static file fetched before the stage was last set to pxe held the previous (boot-next)
        // answer: the bridge's report of that fetch can reach us after a reprovision, and must not
        // undo it. The served time is when the TFTP server sent the file, not when we hear of it.
        // Syslog stamps are whole seconds: a line stamped 12:29:50 may be from any moment of that
        // second, so it only counts as "before" when the whole second is.
        Instant servedAtLatest = e.time().getNano() == 0 ? e.time().plusSeconds(1) : e.time();
        if (d.stageSince != null && servedAtLatest.isBefore(d.stageSince)) {
            return false;
        }
        return d.stage == BootStage.PXE && d.spec.effectiveClass().servesKernel();
    }

    // --- liveness ---------------------------------------------------------------------------

    private Transition heartbeat(Node node, Heartbeat hb, Instant now) {
        NodeState s = node.durable();
        if (s.status() == NodeStatus.UP && hb.bootId().equals(s.bootId()) && hb.intervalSeconds() == s.heartbeatSeconds()) {
            // "Still up": only the live heartbeat time moves. Most heartbeats are this.
            return Transition.none(new Node(s, now));
        }
        NodeDraft d = new NodeDraft(node, now, null);
        boolean newBoot = d.bootId == null || !d.bootId.equals(hb.bootId());
        if (newBoot) {
            if (d.bootId != null && (d.status == NodeStatus.UP || d.status == NodeStatus.STALE)) {
                d.event(LifecycleKind.REBOOTED, d.bootId, hb.bootId(), null);
            }
            if (d.wipe && d.wipeServed) {
                // The boot that carried the wipe flag has completed. Any other boot (one netbooted
                // before the wipe was asked for, or told to boot its disk) never saw the flag.
                d.wipe(false);
            }
            d.bootId = hb.bootId();
            d.pxeAnswers.clear();
            // The node came up again: whatever install was running is over, completed or not.
            d.installServed = null;
        }
        d.status(NodeStatus.UP, newBoot ? "heartbeat with new boot id" : "heartbeat");
        d.lastHeartbeat = now;
        d.heartbeatSeconds = hb.intervalSeconds();
        return d.finish();
    }

    /**
     * An install report from the node's own reporter. It is taken only while an install is in
     * progress (the installer was served and the node has not come up since) and from a boot other
     * than the one the node was running when the installer was served: the installer's own boot.
     * Anything else (a report repeated, one from an installed system, one a node sends while no
     * install runs) changes nothing and is announced as rejected.
     */
    private Transition installed(Node node, InstallReport report, Instant now) {
        NodeState s = node.durable();
        String refused = s.installServed() == null ? "no install in progress"
            : report.bootId().equals(s.bootId()) ? "sent from boot " + report.bootId() + ", which was up before the install"
            : null;
        if (refused != null) {
            LifecycleEvent e = LifecycleEvent.of(s.name(), LifecycleKind.COMMAND_REJECTED, null, null,
                "install-complete from boot " + report.bootId() + " ignored: " + refused, report.requestId(), now);
            return new Transition(node, false, List.of(e), null, false);
        }
        NodeDraft d = new NodeDraft(node, now, null);
        d.eventRequestId = report.requestId();
        installComplete(d, "reported by the installer (boot " + report.bootId() + ")");
        return d.finish();
    }

    private Transition tick(Node node, NodeState state, Instant aliveFloor, Instant now) {
        if (state.status() != NodeStatus.UP && state.status() != NodeStatus.STALE) {
            return Transition.none(node);
        }
        Instant last = node.lastHeartbeat();
        if (last == null || (aliveFloor != null && aliveFloor.isAfter(last))) {
            last = aliveFloor != null ? aliveFloor : now;
        }
        long interval = state.heartbeatSeconds() > 0 ? state.heartbeatSeconds() : policy.defaultHeartbeatSeconds();
        Duration silent = Duration.between(last, now);
        NodeDraft d = new NodeDraft(node, now, null);
        if (silent.compareTo(Duration.ofSeconds(interval * policy.downAfterIntervals())) >= 0) {
            d.status(NodeStatus.DOWN, "no heartbeat for " + silent.toSeconds() + " s");
        } else if (silent.compareTo(Duration.ofSeconds(interval * policy.staleAfterIntervals())) >= 0) {
            d.status(NodeStatus.STALE, "no heartbeat for " + silent.toSeconds() + " s");
        }
        return d.finish();
    }

    /** When the node must next be looked at by {@link NodeInput.Tick}, or null if it needs no watching. */
    public Instant nextLivenessCheck(Node node, Instant aliveFloor) {
        NodeState state = node == null ? null : node.durable();
        if (state == null || (state.status() != NodeStatus.UP && state.status() != NodeStatus.STALE)) {
            return null;
        }
        Instant beat = node.lastHeartbeat();
        Instant last = beat == null ? aliveFloor : aliveFloor != null && aliveFloor.isAfter(beat) ? aliveFloor : beat;
        long interval = state.heartbeatSeconds() > 0 ? state.heartbeatSeconds() : policy.defaultHeartbeatSeconds();
        int intervals = state.status() == NodeStatus.UP ? policy.staleAfterIntervals() : policy.downAfterIntervals();
        return last.plusSeconds(interval * intervals);
    }

    // --- generator reports ------------------------------------------------------------------

    private Transition applied(Node node, ConfigApplied report, Instant now) {
        NodeDraft d = new NodeDraft(node, now, null);
        if (report.outcome() == ConfigOutcome.APPLIED) {
            Long before = d.appliedBy.get(report.generator());
            if (before == null || before < report.generation()) {
                d.appliedBy.put(report.generator(), report.generation());
                if (report.generation() == node.durable().generation()) {
                    d.event(LifecycleKind.CONFIG_APPLIED, null, Long.toString(report.generation()),
                        "by " + report.generator());
                }
            }
        } else if (report.outcome() == ConfigOutcome.REFUSED || report.outcome() == ConfigOutcome.FAILED) {
            d.event(LifecycleKind.CONFIG_REFUSED, null, Long.toString(report.generation()),
                report.generator() + ": " + report.reason());
        }
        return d.finish();
    }
}
