package io.pxeflow.simulator.model;

import io.pxeflow.controller.domain.ControllerPolicy;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.NodeStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * The reference model of one node: the boot model's rules restated from the brief, written apart
 * from the controller's state machine so that the two can disagree. Mutated only by the thread
 * that plays the node.
 */
final class ExpectedNode {
    private final String name;
    private final BootSequence sequence;
    private final ControllerPolicy policy;
    private BootStage stage;
    private NodeStatus status = NodeStatus.REGISTERED;
    private String bootId;
    private boolean wipe;
    private long generation = 1;
    private int answersSinceUp;
    /** The installer was served and the node has not come up since: an install report is taken. */
    private boolean installing;
    private Instant lastHeartbeat;
    private int heartbeatSeconds;

    ExpectedNode(String name, BootSequence sequence, ControllerPolicy policy) {
        this.name = name;
        this.sequence = sequence;
        this.policy = policy;
        this.stage = sequence == BootSequence.LOCAL ? BootStage.LOCAL : BootStage.PXE;
        this.heartbeatSeconds = policy.defaultHeartbeatSeconds();
    }

    BootStage stage() {
        return stage;
    }

    long generation() {
        return generation;
    }

    void dhcpDiscover() {
        if (status != NodeStatus.BOOT_LOOP) {
            status = NodeStatus.DHCP;
        }
    }

    /** A REQUEST or ACK: routine for a running node, a sign of life for one thought gone. */
    void dhcpRequest() {
        if (status == NodeStatus.REGISTERED || status == NodeStatus.DOWN) {
            status = NodeStatus.DHCP;
        }
    }

    void dhcpRelease() {
        status = NodeStatus.DOWN;
    }

    /** The node's own boot config was served; true when it was the installer / netboot answer. */
    boolean pxeAnswered() {
        boolean netboot = stage == BootStage.PXE;
        answersSinceUp++;
        if (answersSinceUp >= policy.bootLoopAnswers()) {
            status = NodeStatus.BOOT_LOOP;
        } else {
            status = netboot ? NodeStatus.NETBOOTING : NodeStatus.BOOTING;
        }
        if (netboot && sequence != BootSequence.PXE) {
            changeStage(BootStage.LOCAL);
        }
        installing |= netboot;
        return netboot;
    }

    void imageServed() {
        if (status != NodeStatus.BOOT_LOOP) {
            status = NodeStatus.BOOTING;
        }
    }

    void heartbeat(String id, int intervalSeconds, Instant at) {
        if (!id.equals(bootId)) {
            if (wipe && answersSinceUp > 0) {
                changeWipe(false);
            }
            bootId = id;
            answersSinceUp = 0;
            installing = false;
        }
        status = NodeStatus.UP;
        lastHeartbeat = at;
        heartbeatSeconds = intervalSeconds;
    }

    void reprovision(boolean withWipe) {
        boolean published = stage != BootStage.PXE || (withWipe && !wipe);
        stage = BootStage.PXE;
        wipe = wipe || withWipe;
        generation += published ? 1 : 0;
        answersSinceUp = 0;
        if (status == NodeStatus.BOOT_LOOP) {
            status = NodeStatus.REGISTERED;
        }
    }

    /** The installer's own report, from boot {@code id}: it counts during an install, from a boot other than the last one up. */
    void installComplete(String id) {
        if (installing && !id.equals(bootId)) {
            installComplete();
        }
    }

    /** An admin says the install is complete: it always counts. */
    void installComplete() {
        changeWipe(false);
        installing = false;
    }

    private void changeStage(BootStage next) {
        if (next != stage) {
            stage = next;
            generation++;
        }
    }

    private void changeWipe(boolean next) {
        if (next != wipe) {
            wipe = next;
            generation++;
        }
    }

    /** Liveness is judged at {@code now}: a node silent long enough is stale, then down. */
    Expectation at(Instant now) {
        NodeStatus s = status;
        if ((s == NodeStatus.UP || s == NodeStatus.STALE) && lastHeartbeat != null) {
            Duration silent = Duration.between(lastHeartbeat, now);
            if (silent.compareTo(Duration.ofSeconds((long) heartbeatSeconds * policy.downAfterIntervals())) >= 0) {
                s = NodeStatus.DOWN;
            } else if (silent.compareTo(Duration.ofSeconds((long) heartbeatSeconds * policy.staleAfterIntervals())) >= 0) {
                s = NodeStatus.STALE;
            } else {
                s = NodeStatus.UP;
            }
        }
        return new Expectation(name, stage, s, bootId, wipe, generation);
    }
}
