package io.pxeflow.controller.domain;

import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.protocol.message.StagePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of issue #3 written down a second time, as plainly as possible and without looking
 * at {@link NodeStateMachine}'s code: the property test checks that the two agree. Thresholds
 * are the issue's: stale after 3 intervals, down after 10, boot-loop at 3 answers in 15 min.
 */
final class ReferenceNode {
    static final int INTERVAL_SECONDS = 5;
    private static final Duration LOOP_WINDOW = Duration.ofMinutes(15);

    private final BootSequence sequence;
    private final StagePolicy policy;
    BootStage stage;
    NodeStatus status = NodeStatus.REGISTERED;
    boolean wipe;
    /** A netboot was served while the wipe flag was set: the install now running carries it. */
    private boolean wipeCarried;
    private String bootId;
    private Instant lastBeat;
    private final List<Instant> answers = new ArrayList<>();

    ReferenceNode(BootSequence sequence, StagePolicy policy) {
        this.sequence = sequence;
        this.policy = policy;
        this.stage = sequence == BootSequence.LOCAL ? BootStage.LOCAL : BootStage.PXE;
    }

    void dhcp(DhcpMessageType type) {
        if (type == DhcpMessageType.DISCOVER && status != NodeStatus.BOOT_LOOP) {
            status = NodeStatus.DHCP;
        } else if ((type == DhcpMessageType.REQUEST || type == DhcpMessageType.ACK)
            && (status == NodeStatus.REGISTERED || status == NodeStatus.DOWN)) {
            status = NodeStatus.DHCP;
        } else if (type == DhcpMessageType.RELEASE) {
            status = NodeStatus.DOWN;
        }
    }

    /** The node's own TFTP config file was served: it netboots if its stage is pxe. */
    void configServed(Instant now) {
        answered(stage == BootStage.PXE, now);
    }

    /** The iPXE endpoint answered with the installer ({@code netboot}) or with "boot next". */
    void answered(boolean netboot, Instant now) {
        answers.removeIf(t -> Duration.between(t, now).compareTo(LOOP_WINDOW) > 0);
        answers.add(now);
        if (answers.size() >= 3) {
            status = NodeStatus.BOOT_LOOP;
        } else {
            status = netboot ? NodeStatus.NETBOOTING : NodeStatus.BOOTING;
        }
        if (netboot && wipe) {
            wipeCarried = true;
        }
        if (netboot && stage == BootStage.PXE && sequence != BootSequence.PXE && policy == StagePolicy.ON_PXE_SERVED) {
            stage = BootStage.LOCAL;
        }
    }

    void kernelFetched() {
        if (status != NodeStatus.BOOT_LOOP) {
            status = NodeStatus.BOOTING;
        }
    }

    void heartbeat(String boot, Instant now) {
        if (!boot.equals(bootId)) {
            if (wipeCarried) {
                wipe = false;
                wipeCarried = false;
            }
            answers.clear();
            bootId = boot;
        }
        status = NodeStatus.UP;
        lastBeat = now;
    }

    void tick(Instant now) {
        if (status != NodeStatus.UP && status != NodeStatus.STALE) {
            return;
        }
        long silent = Duration.between(lastBeat, now).toSeconds();
        if (silent >= 10L * INTERVAL_SECONDS) {
            status = NodeStatus.DOWN;
        } else if (silent >= 3L * INTERVAL_SECONDS) {
            status = NodeStatus.STALE;
        }
    }

    void reprovision(boolean withWipe) {
        stage = BootStage.PXE;
        if (withWipe) {
            wipe = true;
        }
        wipeCarried = false;
        answers.clear();
        if (status == NodeStatus.BOOT_LOOP) {
            status = NodeStatus.REGISTERED;
        }
    }

    void setStage(BootStage s) {
        stage = s;
    }

    void wipeRequested() {
        wipe = true;
    }

    void installComplete() {
        wipe = false;
        wipeCarried = false;
        if (stage == BootStage.PXE && sequence != BootSequence.PXE && policy == StagePolicy.ON_INSTALL_COMPLETE) {
            stage = BootStage.LOCAL;
        }
    }
}
