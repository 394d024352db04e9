package io.pxeflow.inventory;

import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.NodeSpec;
import java.util.Objects;

/**
 * One node as an inventory file declares it.
 *
 * @param stage the boot-stage the file gives, or null when it gives none: importing then keeps
 *              the node's current stage, because the stage is runtime state that pxeflow (like
 *              ClusterWare's beoserv) flips by itself, and re-importing the admin's file must not
 *              undo a finished install
 */
public record NodeEntry(NodeSpec spec, BootStage stage) {

    public NodeEntry {
        Objects.requireNonNull(spec, "spec");
        if (stage == BootStage.UNKNOWN) {
            throw new IllegalArgumentException("stage must be pxe, local or not given");
        }
    }

    public String name() {
        return spec.name();
    }

    public int index() {
        return spec.index();
    }

    /** The stage a node that is new to pxeflow starts in: the given one, else its sequence's first. */
    public BootStage initialStage() {
        if (stage != null) {
            return stage;
        }
        return spec.sequence() == BootSequence.LOCAL ? BootStage.LOCAL : BootStage.PXE;
    }
}
