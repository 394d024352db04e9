package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import java.util.List;

/**
 * What the admin declared about a node: its index and name, its MACs, its address, its class
 * (carried by value, so every record about the node is complete) and its boot-sequence.
 */
public record NodeSpec(
        int index,
        String name,
        List<MacAddress> macs,
        Ipv4Address ip,
        ClassSpec bootClass,
        BootOverride override,
        BootSequence sequence) {

    public NodeSpec {
        if (index < 0) {
            throw new InvalidFieldException("index", "must not be negative: " + index);
        }
        Fields.hostname("name", name);
        if (macs == null || macs.isEmpty()) {
            throw new InvalidFieldException("macs", "a node needs at least one MAC");
        }
        if (macs.stream().distinct().count() != macs.size()) {
            throw new InvalidFieldException("macs", "the same MAC is listed twice");
        }
        macs = List.copyOf(macs);
        if (bootClass == null) {
            bootClass = ClassSpec.named(ClassSpec.DEFAULT_NAME);
        }
        if (override != null && override.isEmpty()) {
            override = null;
        }
        if (sequence == null) {
            // ClusterWare's default, and what an inventory "node" line without one gets: a node
            // that boots from the network every time until told otherwise.
            sequence = BootSequence.PXE;
        }
        if (sequence == BootSequence.UNKNOWN) {
            throw new InvalidFieldException("sequence", "must be pxe+local, pxe or local");
        }
    }

    /** The class as this node gets it, per-node overrides applied. */
    public ClassSpec effectiveClass() {
        return bootClass.overriddenBy(override);
    }

    public NodeSpec withClass(ClassSpec c) {
        return new NodeSpec(index, name, macs, ip, c, override, sequence);
    }
}
